// SPDX-License-Identifier: MIT
#include "ui/config/config_fields.h"

#include <QCoreApplication>

#include "ui/models/method_text.h"

namespace catdpo::ui {

namespace {

constexpr const char* kContext = "catdpo::ui::ConfigForm";

struct Row {
  const char* key;
  ConfigGroup group;
  const char* help;
  const char* choices = "";  // space-separated
  bool editableChoice = false;
  ConfigFieldInfo::Kind kind = ConfigFieldInfo::Kind::Plain;
};

using Kind = ConfigFieldInfo::Kind;
using G = ConfigGroup;

// clang-format off
const Row kRows[] = {
  {"method", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Training objective: Cat-DPO or one of the methods it is compared with")},
  {"name", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Run name shown in lists; generated from the method when empty")},
  {"model", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Hugging Face checkpoint folder (config.json, *.safetensors, tokenizer.json), or \"demo\" for the built-in model"),
   "demo demo:quick", true, Kind::FolderOrDemo},
  {"data", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Preference data file (PKU-SafeRLHF JSONL, DPO pairs, HH-RLHF), or \"demo\" for the built-in set"),
   "demo", true, Kind::FileOrDemo},
  {"data_format", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Format of the data file; auto detects it from the rows"),
   "auto pku-saferlhf pku-30k dpo hh-rlhf"},
  {"skip_invalid", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Skip malformed rows instead of stopping at the first one")},
  {"chat_template", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "How prompts are wrapped for the model: a named format, custom, or auto (the model's own, from its tokenizer_config.json)"), "pku chatml llama3 llama2 mistral gemma phi3 alpaca custom auto"},
  {"chat_system", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "System message before the prompt (chatml and llama3 formats); empty for none")},
  {"chat_custom.prompt", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Custom format: the prompt as the model sees it, with {prompt} where the prompt goes")},
  {"chat_custom.response_prefix", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Custom format: text between the prompt and the response")},
  {"chat_custom.response_suffix", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Custom format: text after the response, e.g. its end-of-turn marker")},
  {"chat_custom.stop", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Custom format: the token that ends an answer during generation")},
  {"device", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Where to train: auto picks CUDA when available, else the CPU"),
   "auto cpu cuda", true},
  {"precision", G::Basics, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Number format of training: fp32; bf16-mixed (float32 weights and optimizer state, bfloat16 products); bf16 (bfloat16 weights, float32 LoRA adapters); auto picks bf16-mixed on CUDA and on CPUs with bfloat16 instructions"),
   "auto fp32 bf16-mixed bf16"},
  {"eval_fraction", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Share of prompts held out for evaluation (unused with eval.data)")},
  {"both_unsafe", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Pairs whose two responses are both unsafe: drop them, or keep the safer one as winner"),
   "drop keep_safer"},
  {"beta", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "DPO temperature β: how far the policy may move from the reference")},
  {"label_smoothing", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Conservative DPO: assumed share of flipped preference labels")},
  {"reference_free", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Drop the reference model from the implicit reward")},
  {"length_normalized", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Average log-probabilities over response tokens instead of summing them")},
  {"safedpo_delta", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "SafeDPO's fixed safety margin Δ (the dashed line in the λ plot)"), ""},
  {"ipo_tau", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "IPO target margin; 0 uses 1/(2β)"), ""},
  {"drdpo_beta_prime", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Dr.DPO's β′: smaller values focus on the hardest pairs"), ""},
  {"group_eta", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Step size of the group weights (exponentiated gradient)"), ""},
  {"group_overlap", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "A pair with several categories counts in each of their groups (all) or only in its first (first)"), "all first"},
  {"group_uncategorised", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Pairs without a category form one more group (own) or are left out of the group loss (drop)"), "own drop"},
  {"sacpo_stage1_fraction", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Share of the steps spent on SACPO's helpfulness stage"), ""},
  {"sacpo_stage2_beta", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "β of SACPO's safety stage; 0 uses the same β"), ""},
  {"sacpo_stage2_restart", G::Loss, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "SACPO's safety stage starts a fresh optimizer with its own warm-up and decay"), ""},
  {"catdpo.eta", G::CatDpo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Dual step size η of the λ_k update"), ""},
  {"catdpo.epsilon", G::CatDpo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Tolerated probability ε of preferring the unsafe response; λ_k grows while g_k exceeds it"), ""},
  {"catdpo.lambda_init", G::CatDpo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Initial margin λ_k of every category"), ""},
  {"catdpo.lambda_max", G::CatDpo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Upper bound of λ_k; empty (none) for no cap, as in the authors' rule"), ""},
  {"catdpo.dual_step", G::CatDpo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "per_pair: one step of λ_k per safety-contrastive pair, in batch order (the authors' rule); batch_mean: one step per batch on the mean g_k"), "per_pair batch_mean"},
  {"catdpo.aggregation", G::CatDpo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "A pair with several categories: its margin Λ_i is the sum, mean or max of their λ_k and all of them step; binding: only the categories with the largest λ_k get the margin and the step"), "sum mean max binding"},
  {"catdpo.g_ema", G::CatDpo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Weight of the newest signal (per pair or per batch) in an exponential moving average; 0 turns it off"), ""},
  {"catdpo.uncategorised", G::CatDpo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Margin of a safety-contrastive pair without a category: zero, or the largest λ_k (max)"), "zero max"},
  {"catdpo.constraint_signal", G::CatDpo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "implicit: g_k from the batch; judged: unsafe rate of the latest evaluation"), "implicit judged"},
  {"lora.enabled", G::Lora, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Train low-rank adapters instead of all weights (the frozen base is the reference)")},
  {"lora.rank", G::Lora, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Rank r of the adapters")},
  {"lora.alpha", G::Lora, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Scale α of the adapters (the update is scaled by α/r)")},
  {"lora.dropout", G::Lora, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Dropout on the adapter input")},
  {"lora.targets", G::Lora, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Names of the projection layers that get adapters, comma-separated")},
  {"steps", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Optimizer steps")},
  {"batch_size", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Preference pairs per optimizer step")},
  {"grad_accumulation", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Micro-batches per step: lowers memory at the same batch size")},
  {"gradient_checkpointing", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Recompute each decoder block in backward: far less activation memory for about one more forward pass of time")},
  {"max_length", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Longest prompt plus response, in tokens")},
  {"learning_rate", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Peak learning rate of AdamW")},
  {"weight_decay", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "AdamW weight decay")},
  {"adam_beta1", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "AdamW β1")},
  {"adam_beta2", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "AdamW β2")},
  {"adam_eps", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "AdamW ε")},
  {"max_grad_norm", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Gradients are clipped to this norm")},
  {"warmup_steps", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Steps of linear learning-rate warm-up")},
  {"lr_schedule", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Learning-rate decay after the warm-up"), "cosine linear constant"},
  {"min_lr_ratio", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Final learning rate as a share of the peak")},
  {"seed", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Random seed: the same seed and config give the same run")},
  {"threads", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "CPU threads; 0 uses all cores")},
  {"checkpoint_every", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Save a resumable checkpoint every N steps; 0 only at the end")},
  {"log_every", G::Optimisation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Record metrics every N steps")},
  {"eval.every", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Evaluate every N steps; 0 only at the end")},
  {"eval.max_pairs", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Held-out pairs scored for the implicit accuracy (a training diagnostic)")},
  {"eval.prompts_per_category", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Responses generated and judged per harm category; 0 skips generation")},
  {"eval.benign_prompts", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Truly benign prompts used to measure over-refusal")},
  {"eval.borderline_prompts", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Borderline prompts (risky but answerable), spread evenly over the categories, for the second over-refusal rate")},
  {"eval.degenerate", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Empty or looping answers: fail counts them unsafe (a refusal on benign prompts), judge lets the judge decide, exclude leaves them out"), "fail judge exclude"},
  {"eval.data", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Separate evaluation file (e.g. the data set's test split) used instead of a held-out split; empty: split the training data"),
   "", true, Kind::File},
  {"eval.max_new_tokens", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Longest generated response, in tokens")},
  {"eval.temperature", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Sampling temperature; 0 is greedy")},
  {"eval.top_p", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Nucleus sampling: keep the most likely tokens up to this probability mass")},
  {"eval.top_k", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Keep only the k most likely tokens; 0 keeps all")},
  {"eval.judge", G::Evaluation, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Who labels generated responses safe or unsafe: auto uses the demo judge on demo data; none skips judging"),
   "auto demo none", true},
  {"demo.preset", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Built-in demo benchmark: clean (every label true; difficulty from the base model's unsafety and category frequency) or noisy (per-category label noise, as first built)"),
   "clean noisy"},
  {"demo.label_noise", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Share of a category's harmful training pairs with wrong safety labels: one value, or 19 in PKU order; empty: the preset's")},
  {"demo.flagged_help", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Share of a category's borderline training pairs whose helpful answer is labelled unsafe; empty: the preset's")},
  {"demo.harmful_preference", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Chance that the helpfulness label prefers the harmful answer; empty: the preset's")},
  {"demo.base_unsafety", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Share of a category's harmful prompts the demo model learns to answer unsafely; empty: the preset's")},
  {"demo.frequency_weights", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Relative number of harmful pairs per category, 19 values; empty: the long tail")},
  {"demo.frequency_exponent", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Harmful pairs of the category at frequency rank r follow r^-x; empty: 1.3")},
  {"demo.help_noise", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Share of benign and borderline pairs whose helpfulness label prefers the refusal; empty: the preset's")},
  {"demo.heldout_per_category", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Harmful generation prompts per category kept out of every pair")},
  {"demo.heldout_borderline_per_category", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Borderline generation prompts per category kept out of every pair")},
  {"demo.heldout_benign", G::Demo, QT_TRANSLATE_NOOP("catdpo::ui::ConfigForm", "Benign generation prompts kept out of every pair")},
};
// clang-format on

QStringList words(const char* text) {
  return QString::fromLatin1(text).split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

}  // namespace

ConfigFieldInfo configFieldInfo(const QString& key) {
  ConfigFieldInfo info;
  info.methods = MethodText::idsReading(key);
  for (const Row& row : kRows) {
    if (key != QLatin1String(row.key)) continue;
    info.group = row.group;
    info.help = QCoreApplication::translate(kContext, row.help);
    info.choices = words(row.choices);
    if (key == QLatin1String("method")) info.choices = MethodText::ids();
    info.editableChoice = row.editableChoice;
    info.kind = row.kind;
    return info;
  }
  if (key.startsWith(QLatin1String("catdpo.")))
    info.group = ConfigGroup::CatDpo;
  else if (key.startsWith(QLatin1String("lora.")))
    info.group = ConfigGroup::Lora;
  else if (key.startsWith(QLatin1String("eval.")))
    info.group = ConfigGroup::Evaluation;
  else if (key.startsWith(QLatin1String("demo.")))
    info.group = ConfigGroup::Demo;
  return info;
}

QList<ConfigGroup> configGroups() {
  return {ConfigGroup::Basics, ConfigGroup::Loss,         ConfigGroup::CatDpo,
          ConfigGroup::Lora,   ConfigGroup::Optimisation, ConfigGroup::Evaluation,
          ConfigGroup::Demo,   ConfigGroup::Other};
}

QString configGroupTitle(ConfigGroup group) {
  switch (group) {
    case ConfigGroup::Basics:
      return QCoreApplication::translate("catdpo::ui::ConfigForm", "Basics");
    case ConfigGroup::Loss:
      return QCoreApplication::translate("catdpo::ui::ConfigForm", "Loss");
    case ConfigGroup::CatDpo:
      return QCoreApplication::translate("catdpo::ui::ConfigForm", "Cat-DPO");
    case ConfigGroup::Lora:
      return QCoreApplication::translate("catdpo::ui::ConfigForm", "LoRA");
    case ConfigGroup::Optimisation:
      return QCoreApplication::translate("catdpo::ui::ConfigForm", "Optimisation");
    case ConfigGroup::Evaluation:
      return QCoreApplication::translate("catdpo::ui::ConfigForm", "Evaluation");
    case ConfigGroup::Demo:
      return QCoreApplication::translate("catdpo::ui::ConfigForm", "Demo benchmark");
    case ConfigGroup::Other:
      return QCoreApplication::translate("catdpo::ui::ConfigForm", "Other");
  }
  return {};
}

}  // namespace catdpo::ui
