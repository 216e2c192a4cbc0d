// SPDX-License-Identifier: MIT
// LibTorch's C++ API has no torch.utils.checkpoint; this is a custom autograd function in its
// manner: forward runs the block without autograd (custom functions' forwards do) and saves x;
// backward restores the random state the forward saw, recomputes with autograd and calls
// autograd::grad on the recomputed graph for x and the block's trainable parameters. Gradients
// are returned through the checkpoint's node (not accumulated by the inner pass), so gradient
// accumulation and clipping see them exactly as without checkpointing.
#include "model/activation_checkpoint.h"

#include <ATen/autocast_mode.h>
#include <torch/csrc/autograd/autograd.h>
#include <torch/csrc/autograd/custom_function.h>

#include <optional>
#include <vector>

#include "model/device.h"

namespace catdpo {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

// What the recomputation needs besides the saved input; held by the autograd node.
struct BlockRecompute : torch::CustomClassHolder {
  BlockImpl* block = nullptr;
  AttentionContext context;
  std::vector<at::Tensor> parameters;
  at::Device device = at::kCPU;
  at::Tensor rngState;  // the device's default generator before the forward (training only)
  std::optional<at::ScalarType> autocast;
};

at::Generator defaultGenerator(const at::Device& device) {
  return at::globalContext().defaultGenerator(device);
}

at::Tensor generatorState(const at::Device& device) {
  at::Generator gen = defaultGenerator(device);
  std::lock_guard<std::mutex> lock(gen.mutex());
  return gen.get_state();
}

void setGeneratorState(const at::Device& device, const at::Tensor& state) {
  at::Generator gen = defaultGenerator(device);
  std::lock_guard<std::mutex> lock(gen.mutex());
  gen.set_state(state);
}

struct BlockCheckpointFunction : public torch::autograd::Function<BlockCheckpointFunction> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x, at::TensorList parameters,
                            c10::intrusive_ptr<BlockRecompute> state) {
    state->device = x.device();
    state->autocast = activeAutocastDtype(x.device());
    if (state->block->is_training()) state->rngState = generatorState(x.device());
    ctx->save_for_backward({x});
    ctx->saved_data["state"] = c10::IValue::make_capsule(state);
    // Autocast keeps its bfloat16 copies of the weights until the region ends; nothing of this
    // forward is kept for backward, so this block's copies may go when it is done.
    const bool cached = at::autocast::is_autocast_cache_enabled();
    at::autocast::set_autocast_cache_enabled(false);
    at::Tensor out;
    try {
      out = state->block->forward(x, state->context, nullptr);
    } catch (...) {
      at::autocast::set_autocast_cache_enabled(cached);
      throw;
    }
    at::autocast::set_autocast_cache_enabled(cached);
    return out;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const c10::intrusive_ptr<torch::CustomClassHolder> holder =
        ctx->saved_data["state"].toCapsule();
    const auto* state = static_cast<const BlockRecompute*>(holder.get());
    const at::Tensor saved = ctx->get_saved_variables()[0];
    const bool inputGrad = ctx->needs_input_grad(0);
    const at::Tensor x = saved.detach().requires_grad_(inputGrad);
    at::Tensor out;
    {
      // Replay the forward's random draws (dropout), then leave the generator where the
      // backward found it.
      at::Tensor current;
      if (state->rngState.defined()) {
        current = generatorState(state->device);
        setGeneratorState(state->device, state->rngState);
      }
      at::AutoGradMode grad(true);
      AutocastGuard autocast(state->device, state->autocast.has_value(),
                             state->autocast.value_or(at::kBFloat16));
      out = state->block->forward(x, state->context, nullptr);
      if (current.defined()) setGeneratorState(state->device, current);
    }
    variable_list inputs;
    if (inputGrad) inputs.push_back(x);
    for (const at::Tensor& p : state->parameters) inputs.push_back(p);
    variable_list result;
    if (!inputs.empty()) {
      const variable_list g = torch::autograd::grad({out}, inputs, {grads[0]},
                                                    /*retain_graph=*/false,
                                                    /*create_graph=*/false, /*allow_unused=*/true);
      result.push_back(inputGrad ? g[0] : at::Tensor());
      result.insert(result.end(), g.begin() + (inputGrad ? 1 : 0), g.end());
    } else {
      result.push_back(at::Tensor());
    }
    result.push_back(at::Tensor());  // the recompute state is not a tensor
    return result;
  }
};

}  // namespace

at::Tensor checkpointedBlock(BlockImpl& block, const at::Tensor& x,
                             const AttentionContext& context) {
  auto state = c10::make_intrusive<BlockRecompute>();
  state->block = &block;
  state->context = context;
  for (const at::Tensor& p : block.parameters())
    if (p.requires_grad()) state->parameters.push_back(p);
  const std::vector<at::Tensor> parameters = state->parameters;
  return BlockCheckpointFunction::apply(x, at::TensorList(parameters), state);
}

}  // namespace catdpo
