# SPDX-License-Identifier: MIT
"""Hugging Face transformers as the oracle of the engine's decoder (tests/model/test_hf_oracle).

For each family named, builds a small model from its transformers config class with random
weights (seeded; norm weights and biases randomised too, so (1 + w) norms and biases are
exercised), writes it with save_pretrained, and computes with transformers' own modelling code
(eager attention, the reference implementation):
  - the logits of three token sequences of different lengths in float64, float32 and bfloat16;
  - 32 tokens of greedy generation with the KV cache (generate(), float64) from two prompts.
Each sequence and prompt goes through transformers alone, unpadded: the engine computes them
as one left-padded batch, so padding that changed a result would show. (transformers 5.25's
eager attention turns a left-padded batch into NaN: a query row that is all padding gets a
softmax over nothing, and its NaN reaches the real tokens through the values.)
Everything goes to OUT/FAMILY/oracle.safetensors, the model to OUT/FAMILY/model. Run with
build/pyenv's python: packaging/python-env.sh installs the pinned transformers.

Usage: hf_model_oracle.py OUT FAMILY...
"""
import copy
import sys

import torch
import transformers
from safetensors.torch import save_file

VOCAB = 97
BATCH_LENGTHS = (24, 17, 9)  # real tokens per row of the logits batch; the row is 24 long
PROMPT_LENGTHS = (7, 4)      # the two generation prompts (left-padded to 7)
NEW_TOKENS = 32
SEED = 1234


def small(**kw):
    base = dict(vocab_size=VOCAB, hidden_size=64, intermediate_size=96, num_hidden_layers=3,
                num_attention_heads=4, num_key_value_heads=2, max_position_embeddings=64,
                rms_norm_eps=1e-6, bos_token_id=1, eos_token_id=2, pad_token_id=0)
    base.update(kw)
    return base


def config_for(family):
    """A config per family that switches on what sets the family apart."""
    t = transformers
    if family == "llama":  # Llama 3 RoPE scaling, separate head, GQA
        return t.LlamaConfig(**small(rope_parameters={
            "rope_type": "llama3", "rope_theta": 10000.0, "factor": 8.0, "low_freq_factor": 1.0,
            "high_freq_factor": 4.0, "original_max_position_embeddings": 16}))
    if family == "qwen2":  # q/k/v biases
        return t.Qwen2Config(**small())
    if family == "qwen3":  # q/k norms, head_dim != hidden / heads, tied embeddings
        return t.Qwen3Config(**small(head_dim=24, tie_word_embeddings=True))
    if family == "gpt2":
        return t.GPT2Config(vocab_size=VOCAB, n_embd=64, n_layer=3, n_head=4, n_positions=64,
                            bos_token_id=1, eos_token_id=2)
    if family == "mistral":  # sliding window in every layer
        return t.MistralConfig(**small(sliding_window=8))
    if family == "gemma2":  # (1+w) norms, scaled embeddings, GeGLU, alternating sliding layers,
        # both soft-cappings, query_pre_attn_scalar != head_dim; hidden 72: sqrt(72) is inexact
        return t.Gemma2Config(**small(hidden_size=72, head_dim=16, num_hidden_layers=4,
                                      sliding_window=8, query_pre_attn_scalar=20,
                                      attn_logit_softcapping=1.0, final_logit_softcapping=0.5))
    if family == "gemma3":  # + q/k norms, two RoPE bases (the global one scaled), per-layer pattern
        return t.Gemma3TextConfig(**small(
            hidden_size=72, head_dim=16, num_hidden_layers=4, sliding_window=8,
            query_pre_attn_scalar=20, final_logit_softcapping=0.5,
            layer_types=["sliding_attention", "sliding_attention", "full_attention",
                         "sliding_attention"],
            rope_parameters={
                "full_attention": {"rope_type": "linear", "factor": 4.0, "rope_theta": 1e6},
                "sliding_attention": {"rope_type": "default", "rope_theta": 1e4}}))
    if family == "phi3":  # fused qkv / gate_up, longrope (short and long), partial rotary
        rot = 12  # 0.75 of head_dim 16
        return t.Phi3Config(**small(
            sliding_window=10, original_max_position_embeddings=16,
            rope_parameters={"rope_type": "longrope", "rope_theta": 10000.0,
                             "partial_rotary_factor": 0.75,
                             "short_factor": [1.0 + 0.1 * i for i in range(rot // 2)],
                             "long_factor": [2.0 + 0.5 * i for i in range(rot // 2)]}))
    raise SystemExit(f"unknown family {family}")


def config_hidden(model):
    return model.config.hidden_size


def randomise(model, family):
    gen = torch.Generator().manual_seed(SEED)
    plus_one = family.startswith("gemma")
    with torch.no_grad():
        for name, p in model.named_parameters():
            noise = torch.randn(p.shape, generator=gen, dtype=torch.float64)
            if name.endswith("norm.weight") or ".ln_" in name or name.startswith("transformer.ln_f"):
                base = 0.0 if plus_one else 1.0
                p.copy_(base + 0.1 * noise if name.endswith("weight") else 0.05 * noise)
            elif name.endswith("bias"):
                p.copy_(0.05 * noise)
            elif plus_one and "embed_tokens" in name:
                # Gemma multiplies embeddings by sqrt(hidden); unscaled they would drown the
                # blocks' contributions and greedy decoding would only echo the last token.
                p.copy_(0.15 / config_hidden(model) ** 0.5 * noise)
            else:
                p.copy_(0.15 * noise)


def left_padded(lengths, seed):
    """Random ids (never the special 0, 1, 2) in a left-padded batch, and its mask."""
    gen = torch.Generator().manual_seed(seed)
    width = max(lengths)
    ids = torch.zeros(len(lengths), width, dtype=torch.long)
    mask = torch.zeros_like(ids)
    for row, n in enumerate(lengths):
        ids[row, width - n:] = torch.randint(3, VOCAB, (n,), generator=gen)
        mask[row, width - n:] = 1
    return ids, mask


def oracle(family, out):
    torch.manual_seed(SEED)
    model = transformers.AutoModelForCausalLM.from_config(config_for(family),
                                                          attn_implementation="eager")
    randomise(model, family)
    model.eval()
    model.save_pretrained(f"{out}/model", safe_serialization=True)

    ids, mask = left_padded(BATCH_LENGTHS, SEED + 1)
    result = {"ids": ids, "mask": mask}
    with torch.no_grad():
        for label, dtype in (("float64", torch.float64), ("float32", torch.float32),
                             ("bfloat16", torch.bfloat16)):
            m = copy.deepcopy(model).to(dtype)  # .to() in place would round the next copies
            logits = torch.zeros(*ids.shape, VOCAB, dtype=torch.float64)
            for row, n in enumerate(BATCH_LENGTHS):
                logits[row, -n:] = m(input_ids=ids[row:row + 1, -n:]).logits[0].to(torch.float64)
            result[f"logits_{label}"] = logits

        m = copy.deepcopy(model).to(torch.float64)
        m.generation_config.eos_token_id = None  # exactly NEW_TOKENS tokens per prompt
        prompt, prompt_mask = left_padded(PROMPT_LENGTHS, SEED + 2)
        generated = torch.zeros(len(PROMPT_LENGTHS), NEW_TOKENS, dtype=torch.long)
        for row, n in enumerate(PROMPT_LENGTHS):
            tokens = m.generate(input_ids=prompt[row:row + 1, -n:], do_sample=False,
                                max_new_tokens=NEW_TOKENS, min_new_tokens=NEW_TOKENS,
                                pad_token_id=0, use_cache=True)
            generated[row] = tokens[0, n:]
        result["prompt"] = prompt
        result["prompt_mask"] = prompt_mask
        result["generated"] = generated
    save_file(result, f"{out}/oracle.safetensors",
              metadata={"transformers": transformers.__version__, "torch": torch.__version__})


def main():
    out = sys.argv[1]
    for family in sys.argv[2:]:
        oracle(family, f"{out}/{family}")


if __name__ == "__main__":
    main()
