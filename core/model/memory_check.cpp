// SPDX-License-Identifier: MIT
#include "model/memory_check.h"

#include <ATen/ATen.h>
#include <torch/optim/adamw.h>

#include <chrono>

#include "common/error.h"
#include "model/allocation_counter.h"
#include "model/causal_lm.h"
#include "model/lora.h"

namespace catdpo {

namespace {
double nbytes(const at::Tensor& t) {
  return t.defined() ? static_cast<double>(t.numel() * static_cast<std::int64_t>(t.element_size()))
                     : 0.0;
}
}  // namespace

MeasuredStepMemory measureTrainingStepMemory(const ModelConfig& config, const MemoryShape& shape) {
  if (!allocation_counter::installed())
    throw Error("the allocation counter must be installed before the first tensor");
  if (shape.bytesPerElement != 4) throw Error("the CPU check runs in float32 (bytesPerElement 4)");
  if (shape.sequences < 2 || shape.sequences % 2 != 0 ||
      shape.projectedRows % shape.sequences != 0 ||
      shape.projectedRows / shape.sequences >= shape.length)
    throw Error("the shape needs an even number of rows and fewer response tokens than tokens");
  CausalLm model = createModel(config, /*seed=*/1);
  if (shape.lora) {
    LoraConfig lora;
    lora.rank = shape.loraRank;
    lora.dropout = shape.loraDropout;
    lora.targetModules = shape.loraTargets;
    applyLora(model, lora, /*seed=*/2);
  }
  model->train();
  model->setGradientCheckpointing(shape.gradientCheckpointing);
  const std::vector<at::Tensor> trainable = trainableParameters(model);
  torch::optim::AdamW optimizer(trainable, torch::optim::AdamWOptions(1e-5).weight_decay(0.0));

  const std::int64_t rows = shape.sequences, pairs = rows / 2;
  const std::int64_t response = shape.projectedRows / rows;
  const at::Tensor ids = at::randint(1, config.vocabSize, {rows, shape.length}, at::kLong);
  at::Tensor targetMask = at::zeros({rows, shape.length}, at::kBool);
  targetMask.narrow(1, shape.length - response, response).fill_(true);
  const auto loss = [&] {
    const auto lp = model->sequenceLogprobs(ids, {}, targetMask);
    const at::Tensor z = lp.sum.narrow(0, 0, pairs) - lp.sum.narrow(0, pairs, pairs);
    return -at::log_sigmoid(z * 0.1).mean();
  };
  optimizer.zero_grad();
  loss().backward();
  optimizer.step();
  optimizer.zero_grad();

  MeasuredStepMemory m;
  for (const auto& p : model->parameters()) m.weights += nbytes(p);
  double gradsBefore = 0;
  for (const auto& p : trainable) gradsBefore += nbytes(p.grad());
  // Every state belongs to a trainable parameter (the map's key type differs between LibTorch
  // versions: a string in 1.13, the TensorImpl pointer in 2.x).
  for (const auto& item : optimizer.state()) {
    const auto& st = static_cast<const torch::optim::AdamWParamState&>(*item.second);
    m.optimizer += nbytes(st.exp_avg()) + nbytes(st.exp_avg_sq());
  }
  const std::int64_t before = allocation_counter::currentBytes();
  allocation_counter::resetPeak();
  const auto t0 = std::chrono::steady_clock::now();
  {
    at::Tensor l = loss();
    m.savedByForward = static_cast<double>(allocation_counter::currentBytes() - before);
    l.backward();
  }
  m.stepSeconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  for (const auto& p : trainable) m.gradients += nbytes(p.grad());
  // Gradients that zero_grad released come back during backward: steady memory, not the step's.
  m.peakAboveSteady =
      static_cast<double>(allocation_counter::peakBytes() - before) - (m.gradients - gradsBefore);
  optimizer.step();
  return m;
}

}  // namespace catdpo
