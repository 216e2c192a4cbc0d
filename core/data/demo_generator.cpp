// SPDX-License-Identifier: MIT
// Demo data generation. All randomness comes from one SplitMix64 stream with our own bounded
// draws (std:: distributions differ between standard libraries), so a seed names one data set
// everywhere. Prompt pools are shuffled per category and the first prompts are reserved for
// the held-out generation list before any pair is made, so held-out prompts are truly unseen.
#include "data/demo_generator.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <numeric>

#include "common/error.h"
#include "data/dataset_writer.h"
#include "data/demo_lexicon.h"
#include "data/split.h"

namespace catdpo {
namespace {

using demo::Action;
using demo::CategoryText;

class Rng {
 public:
  explicit Rng(std::uint64_t seed) : m_state(seed * 0x9E3779B97F4A7C15ULL + 0x1234567ULL) {}
  std::uint64_t next() {
    std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  double uniform() { return static_cast<double>(next() >> 11) * (1.0 / 9007199254740992.0); }
  bool chance(double p) { return uniform() < p; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
  template <typename T>
  const T& pick(const std::vector<T>& v) {
    return v[below(v.size())];
  }
  template <typename T>
  void shuffle(std::vector<T>& v) {
    for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
  }

 private:
  std::uint64_t m_state;
};

constexpr int kCategories = 19;
// Chance that annotators preferred the compliant answer on a harmful prompt, by tier.
constexpr double kComplianceBetter[3] = {0.65, 0.75, 0.85};
constexpr double kTierNoise[3] = {0.02, 0.12, 0.30};
constexpr double kBothUnsafeShare = 0.08;
constexpr double kBothSafeShare = 0.05;
constexpr double kCoCategoryChance = 0.1;
constexpr double kHelpfulBetter = 0.95;

std::string capitalised(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string fillFrame(const char* frame, const char* action, const char* prefix) {
  std::string text = frame;
  const auto at = text.find("{a}");
  text.replace(at, 3, action);
  if (*prefix) text = std::string(prefix) + " " + text;
  return text;
}

// Every (prefix, frame, action) prompt of a list of actions with its action index, shuffled.
std::vector<std::pair<std::string, std::size_t>> promptPool(const std::vector<const char*>& actions,
                                                            Rng& rng) {
  std::vector<std::pair<std::string, std::size_t>> pool;
  for (const char* prefix : demo::promptPrefixes())
    for (const char* frame : demo::promptFrames())
      for (std::size_t a = 0; a < actions.size(); ++a)
        pool.emplace_back(fillFrame(frame, actions[a], prefix), a);
  rng.shuffle(pool);
  return pool;
}

std::string twoSteps(const std::string& first, const std::string& second, Rng& rng) {
  return std::string(rng.pick(demo::answerOpeners())) + " " + capitalised(first) + ". " +
         rng.pick(demo::stepConnectors()) + " " + second + ".";
}

std::string compliance(const CategoryText& cat, Rng& rng) {
  const std::size_t a = rng.below(cat.harmSteps.size());
  std::size_t b = rng.below(cat.harmSteps.size() - 1);
  if (b >= a) ++b;
  return twoSteps(cat.harmSteps[a], cat.harmSteps[b], rng);
}

std::string refusal(Rng& rng) {
  return std::string(rng.pick(demo::refusalOpeners())) + " " + rng.pick(demo::refusalReasons());
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

// Generation-side facts about a pair that the PKU format cannot carry.
struct Origin {
  int category = -1;      // primary category (harmful and borderline)
  bool standard = false;  // harmful pair with exactly one unsafe response
  int refusalIndex = -1;  // borderline/benign: where the refusal sits
};

PreferencePair orderedPair(std::string prompt, std::string safeText, std::string otherText,
                           Rng& rng, int& safeIndex) {
  PreferencePair p;
  p.prompt = std::move(prompt);
  safeIndex = static_cast<int>(rng.below(2));
  p.response[safeIndex] = std::move(safeText);
  p.response[1 - safeIndex] = std::move(otherText);
  return p;
}

}  // namespace

std::vector<double> defaultDemoNoise() {
  std::vector<double> rates;
  for (const auto& c : demo::categoryTexts()) rates.push_back(kTierNoise[c.tier]);
  return rates;
}

int demoCategoryTier(int category) {
  return demo::categoryTexts().at(static_cast<std::size_t>(category)).tier;
}
int demoCategoryRank(int category) {
  return demo::categoryTexts().at(static_cast<std::size_t>(category)).rank;
}

DemoData generateDemoData(const DemoOptions& o) {
  if (o.pairs < 200 || o.pairs > 5'000'000)
    throw Error("must be between 200 and 5000000, got " + std::to_string(o.pairs),
                {"", 0, "pairs"});
  if (!(o.evalFraction >= 0 && o.evalFraction <= 0.5))
    throw Error("must be within [0, 0.5]", {"", 0, "eval_fraction"});
  if (!(o.harmfulShare > 0 && o.borderlineShare >= 0 && o.harmfulShare + o.borderlineShare < 1))
    throw Error("harmful and borderline shares must be positive and sum below 1",
                {"", 0, "harmful_share"});
  if (!(o.noiseScale >= 0)) throw Error("must be >= 0", {"", 0, "noise_scale"});
  if (!o.noise.empty() && o.noise.size() != kCategories)
    throw Error("needs one rate per category (19)", {"", 0, "noise"});
  for (double r : o.noise)
    if (!(r >= 0 && r <= 1)) throw Error("rates must be within [0, 1]", {"", 0, "noise"});
  if (o.heldOutPerCategory < 0 || o.heldOutPerCategory > 60 || o.heldOutBenign < 0 ||
      o.heldOutBorderlinePerCategory < 0 || o.heldOutBorderlinePerCategory > 30)
    throw Error("held-out prompt counts out of range", {"", 0, "held_out"});

  const auto& cats = demo::categoryTexts();
  const CategoryTaxonomy taxonomy = CategoryTaxonomy::pku19();
  Rng rng(o.seed);
  DemoData out;

  const int harmful = static_cast<int>(std::lround(o.pairs * o.harmfulShare));
  const int borderline = static_cast<int>(std::lround(o.pairs * o.borderlineShare));
  const int benign = o.pairs - harmful - borderline;
  std::vector<double> tail, flatTail;
  for (const auto& c : cats) {
    tail.push_back(std::pow(c.rank, -o.tailExponent));
    flatTail.push_back(std::pow(c.rank, -0.6));
  }
  out.harmfulPairsPerCategory = allocate(harmful, tail, 1);
  const std::vector<int> borderlinePerCategory = allocate(borderline, flatTail, 1);

  std::vector<PreferencePair> pairs;
  std::vector<Origin> origins;
  pairs.reserve(static_cast<std::size_t>(o.pairs));
  auto heldOutItem = [&](std::string prompt, PromptKind kind, int category, bool unsafe) {
    PromptItem item;
    item.prompt = std::move(prompt);
    item.kind = kind;
    item.category = category;
    item.unsafe = unsafe;
    item.type = toString(kind);
    item.id = std::string(toString(kind)) + "-" +
              (category >= 0 ? std::to_string(category) + "-" : "") +
              std::to_string(out.heldOut.size());
    out.heldOut.push_back(std::move(item));
  };

  for (int k = 0; k < kCategories; ++k) {
    const CategoryText& cat = cats[static_cast<std::size_t>(k)];
    // Harmful prompts of this category.
    auto pool = promptPool(cat.harmful, rng);
    const std::size_t reserve =
        std::min<std::size_t>(static_cast<std::size_t>(o.heldOutPerCategory), pool.size() / 2);
    for (std::size_t i = 0; i < reserve; ++i)
      heldOutItem(pool[i].first, PromptKind::Harmful, k, true);
    pool.erase(pool.begin(), pool.begin() + static_cast<std::ptrdiff_t>(reserve));
    const auto co = cat.coCategory ? taxonomy.indexOf(cat.coCategory) : std::nullopt;
    for (int n = 0; n < out.harmfulPairsPerCategory[static_cast<std::size_t>(k)]; ++n) {
      const std::string& prompt = pool[static_cast<std::size_t>(n) % pool.size()].first;
      Origin origin{k, false, -1};
      PreferencePair p;
      const double roll = rng.uniform();
      std::vector<int> categories{k};
      if (co && rng.chance(kCoCategoryChance)) categories.push_back(*co);
      std::sort(categories.begin(), categories.end());
      if (roll < kBothUnsafeShare) {
        p.prompt = prompt;
        p.response[0] = compliance(cat, rng);
        p.response[1] = compliance(cat, rng);
        p.unsafe[0] = p.unsafe[1] = 1;
        for (int i = 0; i < 2; ++i)
          p.severity[i] =
              static_cast<std::int8_t>(std::max(1, cat.severity - static_cast<int>(rng.below(2))));
        p.safer = p.severity[0] == p.severity[1] ? static_cast<int>(rng.below(2))
                                                 : (p.severity[0] < p.severity[1] ? 0 : 1);
        p.better = static_cast<int>(rng.below(2));
        p.categories = categories;
      } else if (roll < kBothUnsafeShare + kBothSafeShare) {
        p.prompt = prompt;
        p.response[0] = refusal(rng);
        do p.response[1] = refusal(rng);
        while (p.response[1] == p.response[0]);
        p.unsafe[0] = p.unsafe[1] = 0;
        p.severity[0] = p.severity[1] = 0;
        p.better = static_cast<int>(rng.below(2));
        p.safer = p.better;
      } else {
        int safeIndex = 0;
        p = orderedPair(prompt, refusal(rng), compliance(cat, rng), rng, safeIndex);
        p.unsafe[safeIndex] = 0;
        p.unsafe[1 - safeIndex] = 1;
        p.severity[safeIndex] = 0;
        p.severity[1 - safeIndex] =
            static_cast<std::int8_t>(std::max(1, cat.severity - (rng.chance(0.3) ? 1 : 0)));
        p.safer = safeIndex;
        p.better = rng.chance(kComplianceBetter[cat.tier]) ? 1 - safeIndex : safeIndex;
        p.categories = categories;
        origin.standard = true;
      }
      p.kind = PromptKind::Harmful;
      pairs.push_back(std::move(p));
      origins.push_back(origin);
    }
    // Borderline prompts: the category's words, a helpful answer preferred over a refusal.
    std::vector<const char*> actions;
    for (const Action& a : cat.borderline) actions.push_back(a.text);
    auto bpool = promptPool(actions, rng);
    const std::size_t breserve = std::min<std::size_t>(
        static_cast<std::size_t>(o.heldOutBorderlinePerCategory), bpool.size() / 2);
    for (std::size_t i = 0; i < breserve; ++i)
      heldOutItem(bpool[i].first, PromptKind::Borderline, k, false);
    for (int n = 0; n < borderlinePerCategory[static_cast<std::size_t>(k)]; ++n) {
      const auto& [prompt, actionIndex] =
          bpool[breserve + static_cast<std::size_t>(n) % (bpool.size() - breserve)];
      const Action* action = &cat.borderline[actionIndex];
      int refusalIndex = 0;
      PreferencePair p = orderedPair(prompt, twoSteps(action->help[0], action->help[1], rng),
                                     refusal(rng), rng, refusalIndex);
      refusalIndex = 1 - refusalIndex;  // orderedPair returned where the helpful answer sits
      p.unsafe[0] = p.unsafe[1] = 0;
      p.severity[0] = p.severity[1] = 0;
      p.better = rng.chance(kHelpfulBetter) ? 1 - refusalIndex : refusalIndex;
      p.safer = 1 - refusalIndex;
      p.kind = PromptKind::Borderline;
      pairs.push_back(std::move(p));
      origins.push_back(Origin{k, false, refusalIndex});
    }
  }
  // Benign prompts.
  std::vector<const char*> benignTexts;
  for (const Action& a : demo::benignActions()) benignTexts.push_back(a.text);
  auto npool = promptPool(benignTexts, rng);
  const std::size_t nreserve =
      std::min<std::size_t>(static_cast<std::size_t>(o.heldOutBenign), npool.size() / 2);
  for (std::size_t i = 0; i < nreserve; ++i)
    heldOutItem(npool[i].first, PromptKind::Benign, -1, false);
  for (int n = 0; n < benign; ++n) {
    const auto& [prompt, actionIndex] =
        npool[nreserve + static_cast<std::size_t>(n) % (npool.size() - nreserve)];
    const Action* action = &demo::benignActions()[actionIndex];
    int helpIndex = 0;
    PreferencePair p = orderedPair(prompt, twoSteps(action->help[0], action->help[1], rng),
                                   refusal(rng), rng, helpIndex);
    p.unsafe[0] = p.unsafe[1] = 0;
    p.severity[0] = p.severity[1] = 0;
    p.better = rng.chance(kHelpfulBetter) ? helpIndex : 1 - helpIndex;
    p.safer = helpIndex;
    p.kind = PromptKind::Benign;
    pairs.push_back(std::move(p));
    origins.push_back(Origin{-1, false, 1 - helpIndex});
  }

  // One shuffled order, stable ids, then the prompt-grouped stratified split.
  std::vector<std::size_t> order(pairs.size());
  std::iota(order.begin(), order.end(), 0);
  rng.shuffle(order);
  std::vector<PreferencePair> shuffled;
  std::vector<Origin> shuffledOrigins;
  shuffled.reserve(pairs.size());
  for (std::size_t i : order) {
    shuffled.push_back(std::move(pairs[i]));
    shuffledOrigins.push_back(origins[i]);
    char id[24];
    std::snprintf(id, sizeof id, "demo-%06zu", shuffled.size());
    shuffled.back().id = id;
  }
  const DatasetSplit split = splitByPrompt(shuffled, SplitOptions{o.evalFraction, o.seed});

  // Label noise, training split only.
  std::vector<double> rates = o.noise.empty() ? defaultDemoNoise() : o.noise;
  for (double& r : rates) r = std::min(1.0, r * o.noiseScale);
  std::vector<PreferencePair> train, eval;
  for (std::size_t i : split.eval) eval.push_back(shuffled[i]);
  for (std::size_t i : split.train) {
    PreferencePair p = shuffled[i];
    out.trainClean.push_back(p);
    const Origin& origin = shuffledOrigins[i];
    DemoNoise noise = DemoNoise::None;
    if (origin.standard && rng.chance(rates[static_cast<std::size_t>(origin.category)])) {
      const int unsafeIndex = p.unsafe[0] == 1 ? 0 : 1;
      if (rng.chance(0.5)) {  // the annotator missed the harm
        noise = DemoNoise::MissedHarm;
        p.unsafe[unsafeIndex] = 0;
        p.severity[unsafeIndex] = 0;
        p.categories.clear();
        p.safer = p.better;
      } else {  // the labels went onto the wrong response
        noise = DemoNoise::SwappedLabels;
        std::swap(p.unsafe[0], p.unsafe[1]);
        std::swap(p.severity[0], p.severity[1]);
        p.safer = unsafeIndex;
      }
    } else if (p.kind == PromptKind::Borderline &&
               rng.chance(0.5 * rates[static_cast<std::size_t>(origin.category)])) {
      // An over-cautious annotator flags the helpful answer to a borderline prompt.
      noise = DemoNoise::FlaggedHelp;
      const int helpIndex = 1 - origin.refusalIndex;
      p.unsafe[helpIndex] = 1;
      p.severity[helpIndex] = 1;
      p.categories = {origin.category};
      p.safer = origin.refusalIndex;
    }
    out.trainNoise.push_back(noise);
    train.push_back(std::move(p));
  }
  out.train = makeDataset(std::move(train), taxonomy, DataFormat::PkuSafeRlhf, "demo:train");
  out.eval = makeDataset(std::move(eval), taxonomy, DataFormat::PkuSafeRlhf, "demo:eval");
  return out;
}

void writeDemoData(const DemoData& data, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw Error("cannot create directory: " + ec.message(), ErrorLocation{dir, 0, ""});
  const std::filesystem::path base(dir);
  writePkuJsonl((base / "train.jsonl").string(), data.train.pairs, data.train.taxonomy);
  writePkuJsonl((base / "eval.jsonl").string(), data.eval.pairs, data.eval.taxonomy);
  writePromptList((base / "heldout_prompts.jsonl").string(), data.heldOut, data.train.taxonomy);
}

}  // namespace catdpo
