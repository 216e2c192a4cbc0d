// SPDX-License-Identifier: MIT
// d logp_i / d logits_ij = [j == target_i] - softmax_ij, so backward only needs the softmax,
// which forward leaves in the logits buffer (soft-capping multiplies that by 1 - tanh^2). The
// buffer is overwritten by the gradient in backward (a second backward through the same graph is
// refused by the version counter).
#include "model/token_logprobs.h"

#include <torch/csrc/autograd/custom_function.h>

namespace catdpo {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

struct TargetLogprobFunction : public torch::autograd::Function<TargetLogprobFunction> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& hidden,
                            const at::Tensor& weight, const at::Tensor& targets, double softcap) {
    at::Tensor logits = at::matmul(hidden, weight.t());
    // Reduced-precision logits are normalised in float32; float32/float64 stay as they are.
    if (logits.scalar_type() == at::kBFloat16 || logits.scalar_type() == at::kHalf)
      logits = logits.to(at::kFloat);
    at::Tensor capped;  // tanh(logits / cap), kept for backward
    if (softcap > 0) {
      capped = at::tanh(logits / softcap);
      logits = capped * softcap;
    }
    const at::Tensor column = targets.unsqueeze(1);
    const at::Tensor picked = logits.gather(1, column).squeeze(1);
    const at::Tensor maxv = std::get<0>(logits.max(1, /*keepdim=*/true));
    logits.sub_(maxv).exp_();
    const at::Tensor sum = logits.sum(1, /*keepdim=*/true);
    logits.div_(sum);  // now the softmax
    const at::Tensor out = picked - maxv.squeeze(1) - sum.log().squeeze(1);
    ctx->save_for_backward({hidden, weight, logits, targets, capped});
    return out;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const at::Tensor& hidden = saved[0];
    const at::Tensor& weight = saved[1];
    at::Tensor gradLogits = saved[2];
    const at::Tensor& targets = saved[3];
    const at::Tensor g = grads[0].to(gradLogits.scalar_type()).unsqueeze(1);  // [n, 1]
    gradLogits.mul_(-g);
    gradLogits.scatter_add_(1, targets.unsqueeze(1), g);
    if (saved[4].defined()) gradLogits.mul_(1.0 - saved[4].square());
    if (gradLogits.scalar_type() != hidden.scalar_type())
      gradLogits = gradLogits.to(hidden.scalar_type());
    at::Tensor gradHidden, gradWeight;
    if (ctx->needs_input_grad(0)) gradHidden = gradLogits.mm(weight);
    if (ctx->needs_input_grad(1)) gradWeight = gradLogits.t().mm(hidden);
    return {gradHidden, gradWeight, at::Tensor(), at::Tensor()};
  }
};

}  // namespace

at::Tensor targetLogprobs(const at::Tensor& hidden, const at::Tensor& weight,
                          const at::Tensor& targets, double softcap) {
  return TargetLogprobFunction::apply(hidden, weight, targets, softcap);
}

}  // namespace catdpo
