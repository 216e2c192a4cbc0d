// SPDX-License-Identifier: MIT
// What the trainer needs from the other ranks of a data-parallel run: sums of plain doubles,
// averaged gradients, a barrier, and word of another rank's failure. The trainer calls the
// same code on one process or many; SingleProcess (the default) does nothing. The c10d
// implementation lives in core/dist. No LibTorch here (at::Tensor is only named).
#pragma once

#include <memory>
#include <string>
#include <vector>

namespace at {
class Tensor;
}

namespace catdpo {

// Owned by the training thread of its process; not thread-safe. Every collective call must be
// made by every rank in the same order. Failures surface as catdpo::Error naming the rank.
class Collective {
 public:
  virtual ~Collective() = default;
  virtual int rank() const = 0;
  virtual int worldSize() const = 0;
  bool distributed() const { return worldSize() > 1; }

  // Element-wise sum over ranks, in place: every rank ends with the same values.
  virtual void allReduceSum(std::vector<double>& values) = 0;
  // Replaces each parameter's gradient by its mean over ranks (flattened into buckets).
  virtual void allReduceGradients(const std::vector<at::Tensor>& parameters) = 0;
  virtual void barrier() = 0;

  // Tells the other ranks that this one is failing and why (best effort, never throws).
  virtual void reportFailure(const std::string& reason) noexcept = 0;
  // "rank R: reason" of a rank that reported a failure, or empty.
  virtual std::string peerFailure() = 0;
  // True once a collective broke because another rank failed, exited or stopped answering:
  // the run is then interrupted (resumable from its last checkpoint), not failed.
  virtual bool peerLost() const = 0;
};

// One process: sums and means over a single rank are the values themselves.
class SingleProcess final : public Collective {
 public:
  int rank() const override { return 0; }
  int worldSize() const override { return 1; }
  void allReduceSum(std::vector<double>&) override {}
  void allReduceGradients(const std::vector<at::Tensor>&) override {}
  void barrier() override {}
  void reportFailure(const std::string&) noexcept override {}
  std::string peerFailure() override { return {}; }
  bool peerLost() const override { return false; }
};

}  // namespace catdpo
