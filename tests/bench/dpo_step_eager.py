# SPDX-License-Identifier: MIT
"""The DPO training step of bench_train in eager PyTorch, for a like-for-like comparison.

Same GPT-2 architecture as the engine (Conv1D projections, tied head, tanh GELU, additive
causal mask, query scaled before QK^T), same batch (chosen and rejected rows in one forward),
same log-prob arithmetic (only response positions are projected onto the vocabulary), cached
reference log-probs, sigmoid DPO loss, backward, clip_grad_norm_, AdamW.

Precision "bf16-mixed" runs the forward and the loss under torch.autocast(device, bfloat16)
(float32 weights and AdamW state), "bf16" trains a bfloat16 model; as in the engine, the
log-softmax over the vocabulary is taken in float32 in both.

Usage: dpo_step_eager.py --spec JSON. The spec holds "threads", "device" ("cpu" or "cuda"),
"precision" ("fp32", "bf16-mixed", "bf16") and a list "models" of {name, vocab, embd, layers,
heads, positions, pairs, prompt, response, warmup, steps, logits: "targets"|"all"}. Prints one
JSON object on the last line of stdout.
"""

import contextlib

import argparse
import json
import math
import statistics
import sys
import time

import torch
import torch.nn.functional as F

DEVICE = "cpu"


class Conv1D(torch.nn.Module):
    """y = x W + b with W stored [in, out], as GPT-2 checkpoints (and the engine) keep it."""

    def __init__(self, n_in, n_out, std):
        super().__init__()
        self.weight = torch.nn.Parameter(torch.randn(n_in, n_out, device=DEVICE) * std)
        self.bias = torch.nn.Parameter(torch.zeros(n_out, device=DEVICE))

    def forward(self, x):
        return torch.matmul(x, self.weight) + self.bias


class Block(torch.nn.Module):
    def __init__(self, embd, heads, std, residual_std):
        super().__init__()
        self.heads = heads
        self.ln_1 = torch.nn.LayerNorm(embd, eps=1e-5)
        self.c_attn = Conv1D(embd, 3 * embd, std)
        self.attn_proj = Conv1D(embd, embd, residual_std)
        self.ln_2 = torch.nn.LayerNorm(embd, eps=1e-5)
        self.c_fc = Conv1D(embd, 4 * embd, std)
        self.mlp_proj = Conv1D(4 * embd, embd, residual_std)

    def attention(self, x, mask):
        b, t, e = x.shape
        d = e // self.heads
        q, k, v = self.c_attn(x).split(e, dim=-1)
        q = q.view(b, t, self.heads, d).transpose(1, 2)
        k = k.view(b, t, self.heads, d).transpose(1, 2)
        v = v.view(b, t, self.heads, d).transpose(1, 2)
        q = q * (1.0 / math.sqrt(d))
        scores = torch.matmul(q, k.transpose(-1, -2))
        scores.add_(mask)
        probs = torch.softmax(scores, dim=-1)
        out = torch.matmul(probs, v).transpose(1, 2).reshape(b, t, e)
        return self.attn_proj(out)

    def forward(self, x, mask):
        h = x + self.attention(self.ln_1(x), mask)
        return h + self.mlp_proj(F.gelu(self.c_fc(self.ln_2(h)), approximate="tanh"))


class Gpt2(torch.nn.Module):
    def __init__(self, vocab, embd, layers, heads, positions, std=0.02):
        super().__init__()
        residual_std = std / math.sqrt(2.0 * layers)
        self.wte = torch.nn.Parameter(torch.randn(vocab, embd, device=DEVICE) * std)
        self.wpe = torch.nn.Parameter(torch.randn(positions, embd, device=DEVICE) * std)
        self.blocks = torch.nn.ModuleList(
            [Block(embd, heads, std, residual_std) for _ in range(layers)])
        self.ln_f = torch.nn.LayerNorm(embd, eps=1e-5)

    def hidden(self, ids):
        t = ids.shape[1]
        positions = torch.arange(t, device=ids.device).unsqueeze(0)
        x = F.embedding(ids, self.wte) + F.embedding(positions, self.wpe)
        allowed = torch.ones(t, t, dtype=torch.bool, device=ids.device).tril()
        mask = torch.zeros(t, t, device=ids.device, dtype=self.wte.dtype)
        mask = mask.masked_fill_(~allowed, -1e30).view(1, 1, t, t)
        for block in self.blocks:
            x = block(x, mask)
        return self.ln_f(x)


def sequence_logprobs(model, ids, target_mask, logits_mode):
    """Sum over response tokens of log p(token | prefix), per row."""
    h = model.hidden(ids)
    n, t, e = h.shape
    if logits_mode == "all":
        # The common formulation: logits for every position, log_softmax, gather, mask.
        logp = torch.log_softmax(torch.matmul(h[:, :-1], model.wte.t()).float(), dim=-1)
        picked = logp.gather(-1, ids[:, 1:].unsqueeze(-1)).squeeze(-1)
        return (picked * target_mask[:, 1:]).sum(-1)
    # As the engine: only hidden states that predict a response token are projected.
    where = target_mask[:, 1:].nonzero()
    rows = where[:, 0] * t + where[:, 1]
    hs = h.reshape(n * t, e).index_select(0, rows)
    targets = ids.reshape(n * t).index_select(0, rows + 1)
    logp = torch.log_softmax(torch.matmul(hs, model.wte.t()).float(), dim=-1)
    picked = logp.gather(1, targets.unsqueeze(1)).squeeze(1)
    return torch.zeros(n, device=ids.device).index_add(0, where[:, 0], picked)


def run_model(spec, threads, precision):
    torch.manual_seed(1)
    model = Gpt2(spec["vocab"], spec["embd"], spec["layers"], spec["heads"], spec["positions"])
    model = model.to(DEVICE)  # the LayerNorms are made on the CPU
    if precision == "bf16":
        model = model.to(torch.bfloat16)
    autocast = (lambda: torch.autocast(DEVICE, dtype=torch.bfloat16)) \
        if precision == "bf16-mixed" else contextlib.nullcontext
    params = [p for p in model.parameters()]
    n_params = sum(p.numel() for p in params)
    optimizer = torch.optim.AdamW(params, lr=5e-5, betas=(0.9, 0.999), eps=1e-8,
                                  weight_decay=0.0)
    pairs, prompt, response = spec["pairs"], spec["prompt"], spec["response"]
    length = prompt + response
    rows = 2 * pairs
    ids = torch.randint(0, spec["vocab"], (rows, length), device=DEVICE)
    target_mask = torch.zeros(rows, length, device=DEVICE)
    target_mask[:, prompt:] = 1.0
    ref = torch.randn(rows, device=DEVICE) - 100.0  # cached reference log-probs: constants
    beta = 0.1
    times = []
    for step in range(spec["warmup"] + spec["steps"]):
        t0 = time.perf_counter()
        optimizer.zero_grad(set_to_none=True)
        with autocast():
            logp = sequence_logprobs(model, ids, target_mask, spec.get("logits", "targets"))
            z = (logp[:pairs] - ref[:pairs]) - (logp[pairs:] - ref[pairs:])
            loss = -F.logsigmoid(beta * z).mean()
        loss.backward()
        loss_value = loss.item()
        torch.nn.utils.clip_grad_norm_(params, 1.0)
        optimizer.step()
        if DEVICE == "cuda":
            torch.cuda.synchronize()
        elapsed = time.perf_counter() - t0
        if not math.isfinite(loss_value):
            raise RuntimeError("non-finite loss")
        if step >= spec["warmup"]:
            times.append(elapsed)
    median = statistics.median(times)
    tokens = rows * length
    return {
        "name": spec["name"],
        "precision": precision,
        "device": DEVICE,
        "logits": spec.get("logits", "targets"),
        "parameters": n_params,
        "tokens_per_step": tokens,
        "step_seconds_median": median,
        "step_seconds_min": min(times),
        "tokens_per_second": tokens / median,
        "steps": len(times),
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--spec", required=True)
    args = parser.parse_args()
    spec = json.loads(args.spec)
    global DEVICE
    DEVICE = spec.get("device", "cpu")
    precision = spec.get("precision", "fp32")
    threads = int(spec.get("threads", 0))
    if threads > 0:
        torch.set_num_threads(threads)
    results = []
    for m in spec["models"]:
        results.append(run_model(m, threads, precision))
        if DEVICE == "cuda":
            torch.cuda.empty_cache()
    out = {
        "torch": torch.__version__,
        "python": sys.version.split()[0],
        "threads": torch.get_num_threads(),
        "results": results,
    }
    print(json.dumps(out))


if __name__ == "__main__":
    main()
