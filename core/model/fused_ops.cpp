// SPDX-License-Identifier: MIT
// Gradients (r = rsqrt(mean(x^2) + eps), n = x r, d = last-dim size):
//   RMSNorm: dx = r (g w - n mean(g w n)),  dw = sum over rows of g n.
//   RoPE is linear in x with an orthogonal rotation, so dx = g cos + rotate_half^T(g sin),
//   where rotate_half^T(y) = cat(y2, -y1).
#include "model/fused_ops.h"

#include <torch/csrc/autograd/custom_function.h>

#include <vector>

#include "model/device.h"

namespace catdpo {

namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

bool reduced(const at::Tensor& t) {
  return t.scalar_type() == at::kBFloat16 || t.scalar_type() == at::kHalf;
}

struct RmsNormFunction : public torch::autograd::Function<RmsNormFunction> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x, const at::Tensor& weight,
                            double eps, bool plusOne) {
    const at::Tensor xs = reduced(x) ? x.to(at::kFloat) : x;
    const at::Tensor r = at::rsqrt(xs.square().mean(-1, true).add_(eps));
    at::Tensor normed = xs * r;
    ctx->save_for_backward({x, weight, r});
    ctx->saved_data["plus_one"] = plusOne;
    if (plusOne) {
      const at::Tensor scaled = normed * (weight.to(normed.scalar_type()) + 1.0);
      return reduced(x) ? scaled.to(x.scalar_type()) : scaled;
    }
    if (reduced(x)) normed = normed.to(x.scalar_type());
    return normed * weight;
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const at::Tensor& x = saved[0];
    const at::Tensor& weight = saved[1];
    const at::Tensor& r = saved[2];
    const bool plusOne = ctx->saved_data["plus_one"].toBool();
    const bool low = reduced(x);
    const at::Tensor g = low ? grads[0].to(at::kFloat) : grads[0];
    const at::Tensor xs = low ? x.to(at::kFloat) : x;
    const at::Tensor n = xs * r;
    at::Tensor gradX, gradW;
    if (ctx->needs_input_grad(1)) {
      gradW = (g * n).reshape({-1, n.size(-1)}).sum(0);
      if (gradW.scalar_type() != weight.scalar_type()) gradW = gradW.to(weight.scalar_type());
    }
    if (ctx->needs_input_grad(0)) {
      const at::Tensor w = low ? weight.to(at::kFloat) : weight;
      const at::Tensor gw = g * (plusOne ? w + 1.0 : w);
      const at::Tensor dot = (gw * n).mean(-1, true);
      gradX = (gw - n * dot).mul_(r);
      if (low) gradX = gradX.to(x.scalar_type());
    }
    return {gradX, gradW, at::Tensor(), at::Tensor()};
  }
};

at::Tensor rotateHalf(const at::Tensor& x, bool transpose) {
  const std::int64_t half = x.size(-1) / 2;
  const at::Tensor x1 = x.narrow(-1, 0, half);
  const at::Tensor x2 = x.narrow(-1, half, half);
  return transpose ? at::cat({x2, -x1}, -1) : at::cat({-x2, x1}, -1);
}

struct RotaryFunction : public torch::autograd::Function<RotaryFunction> {
  static at::Tensor forward(AutogradContext* ctx, const at::Tensor& x, const at::Tensor& cos,
                            const at::Tensor& sin) {
    ctx->save_for_backward({cos, sin});
    at::Tensor out = x * cos;
    return out.addcmul_(rotateHalf(x, false), sin);
  }

  static variable_list backward(AutogradContext* ctx, variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const at::Tensor& g = grads[0];
    at::Tensor gradX = g * saved[0];
    gradX.add_(rotateHalf(g * saved[1], true));
    return {gradX, at::Tensor(), at::Tensor()};
  }
};

}  // namespace

at::Tensor rmsNorm(const at::Tensor& x, const at::Tensor& weight, double eps, bool plusOne) {
  return RmsNormFunction::apply(x, weight, eps, plusOne);
}

at::Tensor project(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias,
                   bool inOutLayout) {
  const std::int64_t in = weight.size(inOutLayout ? 0 : 1);
  if (x.device().is_cpu() && x.numel() == in && x.dim() >= 1) {
    std::vector<std::int64_t> shape(x.sizes().begin(), x.sizes().end());
    shape.back() = weight.size(inOutLayout ? 1 : 0);
    at::Tensor y = at::mv(inOutLayout ? weight.t() : weight, x.reshape({in}));
    if (bias.defined()) y = y + bias;
    return y.view(shape);
  }
  if (inOutLayout) {
    if (bias.defined() && x.dim() >= 2 && activeAutocastDtype(x.device())) {
      // Under autocast, matmul + bias would add a float32 bias to the bfloat16 product and
      // give a float32 tensor the size of the output; addmm takes all three in bfloat16.
      std::vector<std::int64_t> shape(x.sizes().begin(), x.sizes().end());
      shape.back() = weight.size(1);
      return at::addmm(bias, x.reshape({-1, in}), weight).view(shape);
    }
    at::Tensor y = at::matmul(x, weight);
    return bias.defined() ? y + bias : y;
  }
  return at::linear(x, weight, bias.defined() ? c10::optional<at::Tensor>(bias) : c10::nullopt);
}

at::Tensor rotaryEmbedding(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin) {
  return RotaryFunction::apply(x, cos, sin);
}

}  // namespace catdpo
