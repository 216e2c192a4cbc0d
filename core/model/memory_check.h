// SPDX-License-Identifier: MIT
// INCLUDES LIBTORCH -- not for ui/. Measures one DPO training step of a freshly created model
// on the CPU with the allocation counter (model/allocation_counter.h, installed by the caller
// before its first tensor), in the terms of the training-memory estimate: the check of
// estimateTrainingMemory used by bench_memory_model and the unit tests.
#pragma once

#include <cstdint>

#include "model/memory_estimate.h"
#include "model/model_config.h"

namespace catdpo {

struct MeasuredStepMemory {
  double weights = 0;          // bytes of every parameter (adapters included)
  double gradients = 0;        // of the trainable parameters after backward
  double optimizer = 0;        // AdamW's moments
  double savedByForward = 0;   // allocated after the forward and loss, minus before
  double peakAboveSteady = 0;  // the step's peak above weights + gradients + moments
  double stepSeconds = 0;      // wall time of the measured step's forward and backward
};

// `shape` gives the batch (sequences, length, projectedRows: the last projectedRows/sequences
// positions of each row are response), the dtype must be float32 (bytesPerElement 4), and
// LoRA and gradient checkpointing as in the estimate. Runs a first step (gradients and moments
// allocated), then measures the second. Throws catdpo::Error when the counter is not installed.
MeasuredStepMemory measureTrainingStepMemory(const ModelConfig& config, const MemoryShape& shape);

}  // namespace catdpo
