// SPDX-License-Identifier: MIT
#include "bench_train_support.h"

#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace catdpo::bench {

using json = nlohmann::json;

double median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

json measureMatmul(const at::Device& device, at::ScalarType dtype, bool smoke) {
  at::NoGradGuard noGrad;
  json out = json::object();
  double best = 0;
  const bool gpu = device.is_cuda();
  std::vector<int> sizes =
      gpu ? std::vector<int>{2048, 4096, 8192} : std::vector<int>{256, 512, 1024};
  if (smoke) sizes.resize(1);
  const auto opts = at::TensorOptions().dtype(dtype).device(device);
  for (int n : sizes) {
    const at::Tensor a = at::randn({n, n}, opts), b = at::randn({n, n}, opts);
    at::Tensor c = at::mm(a, b);
    (void)c.sum().item<float>();  // waits for a GPU
    double fastest = 1e30;
    const int reps = gpu ? 10 : (smoke ? 3 : 8);
    if (gpu) {
      // One timing over all repetitions: kernel launches are asynchronous.
      const auto t0 = Clock::now();
      for (int rep = 0; rep < reps; ++rep) c = at::mm(a, b);
      (void)c.sum().item<float>();
      fastest = since(t0) / reps;
    } else {
      for (int rep = 0; rep < reps; ++rep) {
        const auto t0 = Clock::now();
        c = at::mm(a, b);
        fastest = std::min(fastest, since(t0));
      }
    }
    const double gflops = 2.0 * n * n * static_cast<double>(n) / fastest / 1e9;
    out["gflops_" + std::to_string(n)] = gflops;
    best = std::max(best, gflops);
  }
  out["gflops"] = best;
  out["dtype"] = std::string(c10::toString(dtype));
  out["device"] = device.str();
  return out;
}

const char* toString(PythonSetup setup) {
  switch (setup) {
    case PythonSetup::Passive:
      return "passive";
    case PythonSetup::PassiveKeepHeap:
      return "passive_keep_heap";
    default:
      return "default";
  }
}

namespace {
std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}
}  // namespace

json runPython(const std::string& python, const json& spec, PythonSetup setup, std::string& why) {
  if (python.find('/') != std::string::npos && !std::filesystem::exists(python)) {
    why = "no " + python;
    return nullptr;
  }
  if (std::system((shellQuote(python) + " -c 'import torch' >/dev/null 2>&1").c_str()) != 0) {
    why = python + " cannot import torch (on Debian: install python3-torch)";
    return nullptr;
  }
  const std::string script = std::string(CATDPO_BENCH_SOURCE_DIR) + "/dpo_step_eager.py";
  std::string env = "env -u GLIBC_TUNABLES -u OMP_WAIT_POLICY ";
  if (setup != PythonSetup::Default) env += "OMP_WAIT_POLICY=PASSIVE ";
  if (setup == PythonSetup::PassiveKeepHeap)
    env +=
        "GLIBC_TUNABLES=glibc.malloc.mmap_threshold=1073741824:"
        "glibc.malloc.trim_threshold=2147483647 ";
  const std::string cmd = env + shellQuote(python) + " " + shellQuote(script) + " --spec " +
                          shellQuote(spec.dump()) + " 2>&1";
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) {
    why = "cannot start the Python benchmark";
    return nullptr;
  }
  std::string output, last;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), buf.size(), pipe)) output += buf.data();
  const int rc = pclose(pipe);
  std::size_t end = output.find_last_not_of('\n');
  if (end != std::string::npos) {
    const std::size_t start = output.rfind('\n', end);
    last = output.substr(start == std::string::npos ? 0 : start + 1,
                         end - (start == std::string::npos ? 0 : start + 1) + 1);
  }
  if (rc != 0) {
    why = "the Python benchmark failed: " +
          output.substr(output.size() > 2000 ? output.size() - 2000 : 0);
    return nullptr;
  }
  try {
    return json::parse(last);
  } catch (const std::exception&) {
    why = "unreadable output from the Python benchmark: " + last;
    return nullptr;
  }
}

}  // namespace catdpo::bench
