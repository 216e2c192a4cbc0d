// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH. The parts of bench_train that do not drive the trainer: the matrix-product
// ceiling on a device and dtype, the eager-PyTorch peer run through a Python interpreter, and
// generation with and without the KV cache.
#pragma once

#include <ATen/ATen.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace catdpo::bench {

using Clock = std::chrono::steady_clock;

inline double since(Clock::time_point t0) {
  return std::chrono::duration<double>(Clock::now() - t0).count();
}

double median(std::vector<double> v);

// Best GFLOP/s of square at::mm products of `dtype` on `device` (256/512/1024 on the CPU,
// 2048/4096/8192 on a GPU; smoke: the smallest only). {"gflops_N": ..., "gflops": best}.
nlohmann::json measureMatmul(const at::Device& device, at::ScalarType dtype, bool smoke);

// How the eager script's process is set up: as a script runs by default, or with the settings
// bench_train applies to itself (passive OpenMP waiting; the heap keeping freed memory, the
// same thresholds as common/heap_policy.cpp, through glibc's tunables).
enum class PythonSetup { Default, Passive, PassiveKeepHeap };
const char* toString(PythonSetup setup);

// Runs dpo_step_eager.py with `python`; null json (and `why`) when it cannot.
nlohmann::json runPython(const std::string& python, const nlohmann::json& spec, PythonSetup setup,
                         std::string& why);

}  // namespace catdpo::bench
