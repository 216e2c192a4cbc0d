// SPDX-License-Identifier: MIT
// Collective over torch's c10d: rank 0 hosts the store, every rank joins a Gloo process
// group (NCCL for CUDA tensors in CUDA builds). Gradients travel in flat buckets of at most
// kBucketBytes, are summed and divided by the world size. A rank that fails records its reason
// in the store before it exits; the others, whose collective then breaks, read it back so the
// error they raise names the rank and its reason.
// LibTorch 2.x made Gloo and NCCL c10d::Backend implementations (1.13: ProcessGroup); both
// offer the same allreduce, so the engine holds them by the base class of its version. A CUDA
// LibTorch without gloo's headers (the Python wheels) builds without Gloo: the small CPU
// reductions then travel over NCCL too.
#include <ATen/ATen.h>
#include <c10/util/Exception.h>
#include <torch/version.h>
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#if CATDPO_HAVE_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#if defined(CATDPO_WITH_CUDA)
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#if TORCH_VERSION_MAJOR >= 2
#include <torch/csrc/distributed/c10d/Backend.hpp>
#else
#include <torch/csrc/distributed/c10d/ProcessGroup.hpp>
#endif

#include <csignal>
#include <cstdlib>
#include <thread>

#include "common/error.h"
#include "dist/auth_store.h"
#include "dist/distributed.h"

namespace catdpo {
namespace {

#if TORCH_VERSION_MAJOR >= 2
using Group = ::c10d::Backend;
#else
using Group = ::c10d::ProcessGroup;
#endif

constexpr std::size_t kBucketBytes = 16u << 20;
const std::string kFailures = "catdpo/failures";

bool loopback(const std::string& addr) {
  return addr == "localhost" || addr.rfind("127.", 0) == 0 || addr == "::1";
}

std::vector<std::uint8_t> bytes(const std::string& s) { return {s.begin(), s.end()}; }

class C10dCollective final : public Collective {
 public:
  C10dCollective(const DistEnvironment& env, const DistOptions& options) : m_env(env) {
    std::chrono::seconds timeout = options.timeout;
    if (const char* t = std::getenv("CATDPO_DIST_TIMEOUT"); t && *t)
      timeout = std::chrono::seconds(std::atoi(t));
    // A peer that dies mid-transfer must surface as an error from the collective, not as a
    // SIGPIPE that kills this rank before it can record the failure.
    std::signal(SIGPIPE, SIG_IGN);
    try {
      // Not a TCPStore: it listens on every interface and answers anyone (dist/auth_store.h).
      m_store = dist::connectRunStore(env, timeout);
      std::string backend = options.backend;
      if (const char* b = std::getenv("CATDPO_DIST_BACKEND"); b && *b) backend = b;
      if (backend == "auto") backend = options.cuda ? "nccl" : "gloo";
      if (backend != "gloo" && backend != "nccl")
        throw Error("unknown distributed backend '" + backend + "' (expected gloo, nccl or auto)");
        // Plain doubles (metrics, per-category sums, flags) go over Gloo on the CPU; gradients
        // over NCCL when they live on a GPU.
#if CATDPO_HAVE_GLOO
      auto opts = ::c10d::ProcessGroupGloo::Options::create(timeout);
      if (const char* ifname = std::getenv("GLOO_SOCKET_IFNAME"); ifname && *ifname)
        opts->devices.push_back(::c10d::ProcessGroupGloo::createDeviceForInterface(ifname));
      else if (loopback(env.masterAddr))
        opts->devices.push_back(::c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1"));
      else
        opts->devices.push_back(::c10d::ProcessGroupGloo::createDefaultDevice());
      m_cpuGroup = c10::make_intrusive<::c10d::ProcessGroupGloo>(
          c10::make_intrusive<::c10d::PrefixStore>("catdpo/gloo", m_store), env.rank, env.worldSize,
          opts);
      m_gradGroup = m_cpuGroup;
#else
      if (backend == "gloo")
        throw Error(
            "this build has no Gloo (its LibTorch ships no gloo headers): data-parallel runs "
            "need CUDA devices and NCCL");
#endif
      if (backend == "nccl") {
#if defined(CATDPO_WITH_CUDA)
        auto nccl = ::c10d::ProcessGroupNCCL::Options::create();
        nccl->timeout = timeout;
        m_gradGroup = c10::make_intrusive<::c10d::ProcessGroupNCCL>(
            c10::make_intrusive<::c10d::PrefixStore>("catdpo/nccl", m_store), env.rank,
            env.worldSize, nccl);
        if (!m_cpuGroup) {
          m_cpuGroup = m_gradGroup;
          m_cpuDevice = at::Device(at::kCUDA, static_cast<c10::DeviceIndex>(env.localRank));
        }
#else
        throw Error("the NCCL backend needs a build against a CUDA LibTorch (this one has gloo)");
#endif
      }
    } catch (const Error&) {
      throw;
    } catch (const std::exception& e) {
      const auto* ce = dynamic_cast<const c10::Error*>(&e);
      const std::string detail = ce ? ce->what_without_backtrace() : e.what();
      throw Error("rank " + std::to_string(env.rank) + " could not join the run at " +
                  env.masterAddr + ":" + std::to_string(env.masterPort) + ": " +
                  detail.substr(0, detail.find('\n')));
    }
  }

  int rank() const override { return m_env.rank; }
  int worldSize() const override { return m_env.worldSize; }

  void allReduceSum(std::vector<double>& values) override {
    if (values.empty()) return;
    at::Tensor t = at::tensor(at::ArrayRef<double>(values), at::TensorOptions().dtype(at::kDouble))
                       .to(m_cpuDevice);
    std::vector<at::Tensor> list{t};
    guarded("all-reduce", [&] { m_cpuGroup->allreduce(list)->wait(); });
    const at::Tensor host = list[0].to(at::kCPU).contiguous();
    const double* p = host.data_ptr<double>();
    values.assign(p, p + host.numel());
  }

  void allReduceGradients(const std::vector<at::Tensor>& parameters) override {
    // Every rank must send the same layout: a parameter without a gradient sends zeros.
    std::vector<at::Tensor> grads;
    grads.reserve(parameters.size());
    for (const at::Tensor& p : parameters) {
      at::Tensor g = p.grad();
      if (!g.defined()) {
        const_cast<at::Tensor&>(p).mutable_grad() = at::zeros_like(p);
        g = p.grad();
      }
      grads.push_back(g);
    }
    std::size_t i = 0;
    while (i < grads.size()) {
      // One bucket: consecutive gradients of one dtype and device, up to kBucketBytes.
      std::size_t j = i, size = 0;
      while (j < grads.size() && grads[j].scalar_type() == grads[i].scalar_type() &&
             grads[j].device() == grads[i].device() &&
             (j == i || size + grads[j].nbytes() <= kBucketBytes)) {
        size += grads[j].nbytes();
        ++j;
      }
      std::vector<at::Tensor> flat;
      for (std::size_t k = i; k < j; ++k) flat.push_back(grads[k].detach().reshape({-1}));
      std::vector<at::Tensor> bucket{at::cat(flat)};
      guarded("gradient all-reduce", [&] { m_gradGroup->allreduce(bucket)->wait(); });
      bucket[0].div_(static_cast<double>(m_env.worldSize));
      std::int64_t offset = 0;
      for (std::size_t k = i; k < j; ++k) {
        const std::int64_t n = grads[k].numel();
        grads[k].detach().copy_(bucket[0].slice(0, offset, offset + n).view(grads[k].sizes()));
        offset += n;
      }
      i = j;
    }
  }

  void barrier() override {
    guarded("barrier", [&] {
      // A tiny all-reduce rather than ProcessGroup::barrier: it honours the group's timeout
      // and breaks at once when a peer's connection closes.
      std::vector<at::Tensor> one{
          at::zeros({1}, at::TensorOptions().dtype(at::kDouble).device(m_cpuDevice))};
      m_cpuGroup->allreduce(one)->wait();
    });
  }

  void reportFailure(const std::string& reason) noexcept override {
    try {
      m_store->set("catdpo/failure/" + std::to_string(m_env.rank), bytes(reason));
      m_store->add(kFailures, 1);
    } catch (...) {
    }
  }

  bool peerLost() const override { return m_peerLost; }

  std::string peerFailure() override {
    try {
      if (m_store->add(kFailures, 0) == 0) return {};
      for (int r = 0; r < m_env.worldSize; ++r) {
        if (r == m_env.rank) continue;
        const std::string key = "catdpo/failure/" + std::to_string(r);
        if (!m_store->check({key})) continue;
        const std::vector<std::uint8_t> v = m_store->get(key);
        return "rank " + std::to_string(r) + ": " + std::string(v.begin(), v.end());
      }
    } catch (...) {
      // The store lives in rank 0: when rank 0 is gone, so is the reason.
    }
    return {};
  }

 private:
  template <class F>
  void guarded(const char* what, F&& body) {
    try {
      body();
    } catch (const std::exception& e) {
      // A failing rank records its reason before it exits: give it a moment to arrive.
      std::string peer;
      for (int i = 0; i < 20 && peer.empty(); ++i) {
        peer = peerFailure();
        if (peer.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
      const c10::Error* ce = dynamic_cast<const c10::Error*>(&e);
      const std::string detail = ce ? ce->what_without_backtrace() : e.what();
      m_peerLost = true;
      if (!peer.empty()) throw Error("the data-parallel run stopped because " + peer);
      throw Error(std::string("lost contact with another rank during a ") + what +
                  " (it exited, was killed or timed out): " + detail.substr(0, detail.find('\n')));
    }
  }

  DistEnvironment m_env;
  c10::intrusive_ptr<::c10d::Store> m_store;
  c10::intrusive_ptr<Group> m_cpuGroup;
  c10::intrusive_ptr<Group> m_gradGroup;
  at::Device m_cpuDevice = at::kCPU;  // where the small reductions run (a GPU without Gloo)
  bool m_peerLost = false;
};

}  // namespace

std::shared_ptr<Collective> connectCollective(const DistEnvironment& env,
                                              const DistOptions& options) {
  if (env.worldSize <= 1) return std::make_shared<SingleProcess>();
  return std::make_shared<C10dCollective>(env, options);
}

std::string availableDistBackends() {
#if CATDPO_HAVE_GLOO && defined(CATDPO_WITH_CUDA)
  return "gloo, nccl";
#elif defined(CATDPO_WITH_CUDA)
  return "nccl";
#else
  return "gloo";
#endif
}

}  // namespace catdpo
