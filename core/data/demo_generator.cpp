// SPDX-License-Identifier: MIT
// Demo data generation in named steps: check the options, allocate pairs to categories by the
// frequency knob, make each category's prompt pools (held-out prompts first, so they are truly
// unseen), make the pairs, shuffle and split by prompt, then put label noise on the training
// split. The building blocks and the per-purpose random streams are in demo_pairs.cpp.
#include "data/demo_generator.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>

#include "common/error.h"
#include "data/dataset_writer.h"
#include "data/demo_lexicon.h"
#include "data/demo_pairs.h"
#include "data/split.h"

namespace catdpo {
namespace {

using demo::Generated;
using demo::Origin;
using demo::PromptPool;
using demo::Rng;

void checkOptions(const DemoOptions& o) {
  if (o.pairs < 200 || o.pairs > 5'000'000)
    throw Error("must be between 200 and 5000000, got " + std::to_string(o.pairs),
                {"", 0, "pairs"});
  if (!(o.evalFraction >= 0 && o.evalFraction <= 0.5))
    throw Error("must be within [0, 0.5]", {"", 0, "eval_fraction"});
  if (!(o.harmfulShare > 0 && o.borderlineShare >= 0 && o.harmfulShare + o.borderlineShare < 1))
    throw Error("harmful and borderline shares must be positive and sum below 1",
                {"", 0, "harmful_share"});
  validateDemoSettings(o.settings);
}

// Largest-remainder allocation of `total` over weights, at least `minimum` each.
std::vector<int> allocate(int total, const std::vector<double>& weights, int minimum) {
  const double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  const int spare = total - minimum * static_cast<int>(weights.size());
  std::vector<int> out(weights.size(), minimum);
  std::vector<std::pair<double, std::size_t>> remainders;
  int given = 0;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    const double exact = spare * weights[i] / sum;
    out[i] += static_cast<int>(std::floor(exact));
    given += static_cast<int>(std::floor(exact));
    remainders.emplace_back(exact - std::floor(exact), i);
  }
  std::stable_sort(remainders.begin(), remainders.end(),
                   [](const auto& x, const auto& y) { return x.first > y.first; });
  for (int r = 0; r < spare - given; ++r) ++out[remainders[static_cast<std::size_t>(r)].second];
  return out;
}

struct PairCounts {
  std::vector<int> harmful, borderline;
  int benign = 0;
};

// Harmful pairs follow the frequency knob; borderline ones a flatter tail of the same ranks
// (borderline prompts are common in every category).
PairCounts allocatePairs(const DemoOptions& o, const DemoFactors& f) {
  const int harmful = static_cast<int>(std::lround(o.pairs * o.harmfulShare));
  const int borderline = static_cast<int>(std::lround(o.pairs * o.borderlineShare));
  std::vector<double> flatTail;
  for (const auto& c : demo::categoryTexts()) flatTail.push_back(std::pow(c.rank, -0.6));
  return {allocate(harmful, f.frequency, 1), allocate(borderline, flatTail, 1),
          o.pairs - harmful - borderline};
}

std::vector<const char*> actionTexts(const std::vector<demo::Action>& actions) {
  std::vector<const char*> out;
  for (const auto& a : actions) out.push_back(a.text);
  return out;
}

void addHeldOut(std::vector<PromptItem>& list, const PromptPool& pool, PromptKind kind,
                int category) {
  for (std::size_t i = 0; i < pool.heldOut(); ++i) {
    PromptItem item;
    item.prompt = pool.reserved(i).first;
    item.kind = kind;
    item.category = category;
    item.unsafe = kind == PromptKind::Harmful;
    item.type = toString(kind);
    item.id = std::string(toString(kind)) + "-" +
              (category >= 0 ? std::to_string(category) + "-" : "") + std::to_string(list.size());
    list.push_back(std::move(item));
  }
}

// Every pair of the set with its origin; the held-out prompts of every pool go to `heldOut`.
Generated makePairs(const DemoOptions& o, const DemoFactors& f, const PairCounts& counts,
                    std::vector<PromptItem>& heldOut) {
  const auto& cats = demo::categoryTexts();
  const CategoryTaxonomy taxonomy = CategoryTaxonomy::pku19();
  const DemoSettings& s = o.settings;
  Generated out;
  out.pairs.reserve(static_cast<std::size_t>(o.pairs));
  for (int k = 0; k < kDemoCategories; ++k) {
    const demo::CategoryText& cat = cats[static_cast<std::size_t>(k)];
    const auto ku = static_cast<std::size_t>(k);
    const PromptPool harmful(cat.harmful, Rng::stream(o.seed, demo::kHarmfulPool, k),
                             static_cast<std::size_t>(s.heldOutPerCategory));
    addHeldOut(heldOut, harmful, PromptKind::Harmful, k);
    const auto co = cat.coCategory ? taxonomy.indexOf(cat.coCategory) : std::nullopt;
    demo::addHarmfulPairs(k, co ? *co : -1, cat, harmful, counts.harmful[ku],
                          f.harmfulPreference[ku], Rng::stream(o.seed, demo::kHarmfulPairs, k),
                          out);
    const PromptPool borderline(actionTexts(cat.borderline),
                                Rng::stream(o.seed, demo::kBorderlinePool, k),
                                static_cast<std::size_t>(s.heldOutBorderlinePerCategory));
    addHeldOut(heldOut, borderline, PromptKind::Borderline, k);
    demo::addHelpPairs(k, cat.borderline, borderline, counts.borderline[ku], f.helpNoise,
                       Rng::stream(o.seed, demo::kBorderlinePairs, k), out);
  }
  const PromptPool benign(actionTexts(demo::benignActions()),
                          Rng::stream(o.seed, demo::kBenignPool),
                          static_cast<std::size_t>(s.heldOutBenign));
  addHeldOut(heldOut, benign, PromptKind::Benign, -1);
  demo::addHelpPairs(-1, demo::benignActions(), benign, counts.benign, f.helpNoise,
                     Rng::stream(o.seed, demo::kBenignPairs), out);
  return out;
}

// One shuffled order with stable ids ("demo-000001", ...).
Generated shuffled(Generated in, std::uint64_t seed) {
  std::vector<std::size_t> order(in.pairs.size());
  std::iota(order.begin(), order.end(), 0);
  Rng rng = Rng::stream(seed, demo::kShuffle);
  rng.shuffle(order);
  Generated out;
  out.pairs.reserve(order.size());
  for (std::size_t i : order) {
    out.pairs.push_back(std::move(in.pairs[i]));
    out.origins.push_back(in.origins[i]);
    char id[24];
    std::snprintf(id, sizeof id, "demo-%06zu", out.pairs.size());
    out.pairs.back().id = id;
  }
  return out;
}

// Label noise on one training pair. Three draws per pair whatever the rates, so a rate moves
// only the pairs near its threshold.
DemoNoise applyLabelNoise(PreferencePair& p, const Origin& origin, const DemoFactors& f, Rng& rng) {
  const double harmDraw = rng.uniform(), kindDraw = rng.uniform(), flagDraw = rng.uniform();
  if (origin.category < 0) return DemoNoise::None;
  const auto k = static_cast<std::size_t>(origin.category);
  if (origin.standard && harmDraw < f.labelNoise[k]) {
    const int unsafeIndex = p.unsafe[0] == 1 ? 0 : 1;
    if (kindDraw < 0.5) {  // the annotator missed the harm
      p.unsafe[unsafeIndex] = 0;
      p.severity[unsafeIndex] = 0;
      p.categories.clear();
      p.safer = p.better;
      return DemoNoise::MissedHarm;
    }
    // The labels went onto the wrong response.
    std::swap(p.unsafe[0], p.unsafe[1]);
    std::swap(p.severity[0], p.severity[1]);
    p.safer = unsafeIndex;
    return DemoNoise::SwappedLabels;
  }
  if (p.kind == PromptKind::Borderline && flagDraw < f.flaggedHelp[k]) {
    // An over-cautious annotator flags the helpful answer to a borderline prompt.
    const int helpIndex = 1 - origin.refusalIndex;
    p.unsafe[helpIndex] = 1;
    p.severity[helpIndex] = 1;
    p.categories = {origin.category};
    p.safer = origin.refusalIndex;
    return DemoNoise::FlaggedHelp;
  }
  return DemoNoise::None;
}

// Splits the shuffled pairs by prompt: eval pairs keep their clean labels, training pairs get
// the factors' label noise (one stream, in training order) and remember their clean copy.
void splitWithLabelNoise(const Generated& all, const DemoOptions& o, DemoData& out) {
  const DatasetSplit split = splitByPrompt(all.pairs, SplitOptions{o.evalFraction, o.seed});
  std::vector<PreferencePair> train, eval;
  for (std::size_t i : split.eval) eval.push_back(all.pairs[i]);
  Rng noise = Rng::stream(o.seed, demo::kLabelNoise);
  for (std::size_t i : split.train) {
    PreferencePair p = all.pairs[i];
    out.trainClean.push_back(p);
    out.trainNoise.push_back(applyLabelNoise(p, all.origins[i], out.factors, noise));
    out.trainCategory.push_back(all.origins[i].category);
    train.push_back(std::move(p));
  }
  const CategoryTaxonomy taxonomy = CategoryTaxonomy::pku19();
  out.train = makeDataset(std::move(train), taxonomy, DataFormat::PkuSafeRlhf, "demo:train");
  out.eval = makeDataset(std::move(eval), taxonomy, DataFormat::PkuSafeRlhf, "demo:eval");
}

}  // namespace

DemoData generateDemoData(const DemoOptions& o) {
  checkOptions(o);
  DemoData out;
  out.options = o;
  out.factors = resolveDemoFactors(o.settings);
  const PairCounts counts = allocatePairs(o, out.factors);
  out.harmfulPairsPerCategory = counts.harmful;
  const Generated all = shuffled(makePairs(o, out.factors, counts, out.heldOut), o.seed);
  splitWithLabelNoise(all, o, out);
  return out;
}

nlohmann::json describeDemoData(const DemoData& data) {
  nlohmann::json j = demoFactorsJson(data.options.settings);
  j["categories"] = data.train.taxonomy.names();
  j["seed"] = data.options.seed;
  j["pairs"] = data.options.pairs;
  j["eval_fraction"] = data.options.evalFraction;
  j["train_fingerprint"] = data.train.fingerprint;
  j["eval_fingerprint"] = data.eval.fingerprint;
  return j;
}

void writeDemoData(const DemoData& data, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error("cannot create directory: " + ec.message(), ErrorLocation{dir, 0, ""});
  const std::filesystem::path base(dir);
  writePkuJsonl((base / "train.jsonl").string(), data.train.pairs, data.train.taxonomy);
  writePkuJsonl((base / "eval.jsonl").string(), data.eval.pairs, data.eval.taxonomy);
  writePromptList((base / "heldout_prompts.jsonl").string(), data.heldOut, data.train.taxonomy);
  const std::filesystem::path settings = base / "demo_settings.json";
  std::ofstream out(settings);
  out << describeDemoData(data).dump(2) << "\n";
  if (!out) throw Error("cannot write the file", ErrorLocation{settings.string(), 0, ""});
}

}  // namespace catdpo
