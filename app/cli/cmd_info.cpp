// SPDX-License-Identifier: MIT
// `catdpo info`: what this binary is and what it runs on (version, LibTorch, devices, BLAS
// speed, distributed backends, data directory) -- the first thing to paste into a bug report.
#include <iostream>

#include "cli/cli_output.h"
#include "cli/command_registry.h"
#include "common/blas_check.h"
#include "common/build_info.h"
#include "common/cpu_features.h"
#include "common/heap_policy.h"
#include "common/openmp_env.h"
#include "common/paths.h"
#include "dist/distributed.h"
#include "model/precision.h"
#include "store/workspace.h"

namespace catdpo::cli {
namespace {

const bool kRegistered = registerCommand(Command{
    "info", "Show version, LibTorch, devices, BLAS speed and data locations", /*order=*/900,
    /*needsEngine=*/false, [](CLI::App& sub, const GlobalOptions& global) {
      auto json = std::make_shared<bool>(false);
      sub.add_flag("--json", *json, "Print JSON");
      return std::function<int()>([json, &global] {
        const BuildInfo info = buildInfo();
        const BlasProbe blas = probeBlas();
        const auto warning = blasWarning(blas);
        const std::string db = workspaceDatabasePath(global.db).string();
        // What `precision: auto` trains in here: on the GPU when there is one, else the CPU.
        const PrecisionChoice precision = resolvePrecision("auto", info.cudaDevices > 0);
        const std::string cpuBf16 = detectCpuBf16().describe();
        if (*json) {
          printJson(std::cout, {{"name", info.name},
                                {"version", info.version},
                                {"build_type", info.buildType},
                                {"compiler", info.compiler},
                                {"torch_version", info.torchVersion},
                                {"cuda_compiled", info.cudaCompiled},
                                {"cuda_version", info.cudaVersion},
                                {"cuda_devices", info.cudaDevices},
                                {"blas_gflops", blas.gflops},
                                {"blas_threads", blas.threads},
                                {"blas_library", blas.libraryPath},
                                {"blas_slow", warning.has_value()},
                                {"dist_backends", availableDistBackends()},
                                {"auto_precision", toString(precision.precision)},
                                {"auto_precision_reason", precision.reason},
                                {"cpu_bf16", cpuBf16},
                                {"omp_wait_policy", openMpWaitPolicy()},
                                {"heap_policy", heapPolicyDescription()},
                                {"data_dir", userDataDir().string()},
                                {"database", db}});
          return 0;
        }
        std::cout << versionLine() << "\n"
                  << "LibTorch:  " << torchLine(info) << "\n"
                  << "BLAS:      " << (blas.libraryPath.empty() ? "(not mapped)" : blas.libraryPath)
                  << ", " << formatFixed(blas.gflops, 1) << " GFLOP/s fp32 matmul, " << blas.threads
                  << " thread(s)\n"
                  << "Precision: auto trains in " << toString(precision.precision) << " here ("
                  << precision.reason << ")\n"
                  << "Threads:   OpenMP wait policy "
                  << (*openMpWaitPolicy() ? openMpWaitPolicy() : "(runtime default)") << "\n"
                  << "Memory:    " << heapPolicyDescription() << "\n"
                  << "Parallel:  data-parallel over c10d (" << availableDistBackends() << ")\n"
                  << "Data dir:  " << userDataDir().string() << "\n"
                  << "Database:  " << db << "\n";
        if (warning) std::cout << *warning << "\n";
        return 0;
      });
    }});

}  // namespace
}  // namespace catdpo::cli
