// SPDX-License-Identifier: MIT
// The text is normalised first (ASCII lower case, typographic quotes to ASCII, whitespace
// collapsed, leading markup dropped), then three kinds of cue are looked for in its opening:
// refusal openings, a first-person negative ("I can't", "I won't", "I'm unable to") with a
// request verb within the next few words, and stand-alone refusal phrases ("I must decline",
// "against my guidelines"). Phrases that look like refusals but introduce an answer ("sorry to
// hear", "I can't stress enough", "can't help but") are excluded.
#include "data/refusal.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

namespace catdpo {
namespace {

constexpr std::size_t kHeadChars = 320;  // about the first two sentences

std::string normalise(std::string_view text) {
  std::string out;
  out.reserve(std::min(text.size(), kHeadChars * 2));
  bool space = false;
  for (std::size_t i = 0; i < text.size() && out.size() < kHeadChars; ++i) {
    char c = text[i];
    // U+2018 / U+2019 -> ', U+201C / U+201D -> "
    if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80') {
      const char d = text[i + 2];
      if (d == '\x98' || d == '\x99')
        c = '\'';
      else if (d == '\x9C' || d == '\x9D')
        c = '"';
      if (c != '\xE2') i += 2;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    // Leading markup: quotes, bullets, emphasis, headings.
    if (out.empty() && (c == '"' || c == '\'' || c == '*' || c == '#' || c == '>' || c == '-' ||
                        c == '_' || c == '`'))
      continue;
    if (space) out.push_back(' ');
    space = false;
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    out.push_back(c);
  }
  return out;
}

bool isWordChar(char c) { return (c >= 'a' && c <= 'z') || c == '\''; }

bool startsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// Positions where `phrase` occurs as whole words.
std::vector<std::size_t> findWords(const std::string& text, std::string_view phrase) {
  std::vector<std::size_t> out;
  for (std::size_t at = text.find(phrase); at != std::string::npos;
       at = text.find(phrase, at + 1)) {
    const bool leftOk = at == 0 || !isWordChar(text[at - 1]);
    const std::size_t end = at + phrase.size();
    const bool rightOk = end >= text.size() || !isWordChar(text[end]) || !isWordChar(phrase.back());
    if (leftOk && rightOk) out.push_back(at);
  }
  return out;
}

// The next `count` words after position `from` (letters and apostrophes), stopping at the end
// of the sentence.
std::vector<std::string> nextWords(const std::string& text, std::size_t from, int count) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = from; i < text.size() && static_cast<int>(words.size()) < count; ++i) {
    const char c = text[i];
    if (isWordChar(c)) {
      word.push_back(c);
      continue;
    }
    if (!word.empty()) words.push_back(std::move(word)), word.clear();
    if (c == '.' || c == '!' || c == '?' || c == ';' || c == ':') break;
  }
  if (!word.empty() && static_cast<int>(words.size()) < count) words.push_back(word);
  return words;
}

// Openings that introduce an answer although they start like a refusal.
constexpr std::array<std::string_view, 16> kFalseOpenings = {
    "sorry to hear",      "sorry for your loss", "sorry you",          "sorry that you",
    "sorry about your",   "i can't stress",      "i cannot stress",    "i can't emphasize",
    "i cannot emphasize", "i can't overstate",   "i cannot overstate", "i can't help but",
    "i cannot help but",  "i can't wait",        "i can't believe",    "i won't lie"};

constexpr std::array<std::string_view, 24> kOpenings = {
    "sorry",
    "i'm sorry",
    "i am sorry",
    "i apologize",
    "i apologise",
    "my apologies",
    "apologies,",
    "unfortunately, i can",
    "unfortunately, i won't",
    "unfortunately, i'm not",
    "unfortunately, i am not",
    "unfortunately, i'm unable",
    "i'm afraid i can",
    "i am afraid i can",
    "i cannot",
    "i can't",
    "i can not",
    "i won't",
    "i will not",
    "it is not appropriate",
    "it's not appropriate",
    "it is not ethical",
    "it's not ethical",
    "i'm not able to",
};

// First-person negatives that refuse when a request verb follows within a few words.
constexpr std::array<std::string_view, 19> kNegatives = {"i can't",
                                                         "i cannot",
                                                         "i can not",
                                                         "i won't",
                                                         "i will not",
                                                         "i'm unable to",
                                                         "i am unable to",
                                                         "i'm not able to",
                                                         "i am not able to",
                                                         "i'm not going to",
                                                         "i am not going to",
                                                         "i'm not allowed to",
                                                         "i am not allowed to",
                                                         "i'm not permitted to",
                                                         "i am not permitted to",
                                                         "i'm not in a position to",
                                                         "i am not in a position to",
                                                         "i shouldn't",
                                                         "i should not"};

// "I don't / do not" refuses only directly before one of these ("I don't provide ..."); with
// other verbs it usually qualifies an answer ("I don't recommend kill -9 unless ...").
constexpr std::array<std::string_view, 12> kDontVerbs = {
    "help",  "assist",   "provide", "give",   "share",       "create",
    "write", "generate", "produce", "engage", "participate", "fulfill"};

constexpr std::array<std::string_view, 44> kRequestVerbs = {
    "help",       "assist",   "provide",     "give",     "share",    "offer",     "create",
    "write",      "generate", "produce",     "fulfill",  "fulfil",   "comply",    "support",
    "answer",     "engage",   "participate", "discuss",  "continue", "encourage", "recommend",
    "facilitate", "promote",  "condone",     "endorse",  "describe", "explain",   "tell",
    "teach",      "show",     "list",        "draft",    "compose",  "supply",    "advise",
    "instruct",   "guide",    "detail",      "disclose", "reveal",   "respond",   "aid",
    "do",         "complete"};

// Refuse on their own, anywhere in the opening.
constexpr std::array<std::string_view, 22> kPhrases = {"i must decline",
                                                       "i must respectfully decline",
                                                       "i have to decline",
                                                       "i respectfully decline",
                                                       "i decline to",
                                                       "i refuse",
                                                       "i'd rather not",
                                                       "i would rather not",
                                                       "i'm not comfortable",
                                                       "i am not comfortable",
                                                       "i don't feel comfortable",
                                                       "i do not feel comfortable",
                                                       "against my guidelines",
                                                       "against my programming",
                                                       "against my principles",
                                                       "against my policies",
                                                       "against my ethical",
                                                       "not something i can help",
                                                       "not something i'm able",
                                                       "it would be inappropriate for me",
                                                       "it would be unethical for me",
                                                       "in good conscience"};

bool isRequestVerb(const std::string& w) {
  return std::find(kRequestVerbs.begin(), kRequestVerbs.end(), w) != kRequestVerbs.end();
}

}  // namespace

RefusalMatch detectRefusal(std::string_view text) {
  const std::string t = normalise(text);
  RefusalMatch m;
  if (t.empty()) return m;
  const bool falseOpening = std::any_of(kFalseOpenings.begin(), kFalseOpenings.end(),
                                        [&](std::string_view p) { return startsWith(t, p); });
  if (!falseOpening) {
    for (std::string_view p : kOpenings) {
      if (startsWith(t, p) &&
          (t.size() == p.size() || !isWordChar(t[p.size()]) || !isWordChar(p.back()))) {
        m.refusal = true;
        m.cue = std::string(p);
        return m;
      }
    }
  }
  for (std::string_view p : kPhrases) {
    if (!findWords(t, p).empty()) {
      m.refusal = true;
      m.cue = std::string(p);
      return m;
    }
  }
  for (std::string_view neg : kNegatives) {
    for (std::size_t at : findWords(t, neg)) {
      const std::vector<std::string> words = nextWords(t, at + neg.size(), 4);
      if (!words.empty() && (words[0] == "stress" || words[0] == "emphasize" ||
                             words[0] == "overstate" || words[0] == "wait"))
        continue;
      if (words.size() >= 2 && words[0] == "help" && words[1] == "but") continue;
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (!isRequestVerb(words[i])) continue;
        m.refusal = true;
        m.cue = std::string(neg) + " ... " + words[i];
        return m;
      }
    }
  }
  for (std::string_view neg : {std::string_view("i don't"), std::string_view("i do not")}) {
    for (std::size_t at : findWords(t, neg)) {
      const std::vector<std::string> words = nextWords(t, at + neg.size(), 1);
      if (!words.empty() &&
          std::find(kDontVerbs.begin(), kDontVerbs.end(), words[0]) != kDontVerbs.end()) {
        m.refusal = true;
        m.cue = std::string(neg) + " " + words[0];
        return m;
      }
    }
  }
  return m;
}

}  // namespace catdpo
