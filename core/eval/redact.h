// SPDX-License-Identifier: MIT
// Keeping secrets out of what the judge stores: an endpoint URL without its user:password@ and
// query values, and a server's text cut to a short, printable excerpt with API keys, bearer
// tokens and "key=value" credentials replaced. Judge errors and answers pass through here
// before they reach a sample's raw_judgement (and so the database and every export).
#pragma once

#include <string>
#include <string_view>

namespace catdpo {

// "https://user:pw@host/v1?api_key=s3cret&x=1" -> "https://***@host/v1?api_key=***&x=***".
std::string redactUrl(std::string_view url);

// Replaces in `text`: every occurrence of `secret` (when it has at least 4 characters), bearer
// and basic credentials, "Authorization:" header values, sk-/key-like tokens and the values of
// key/token/secret/password fields ("api_key": "...", token=...); URLs lose their credentials.
std::string redactSecrets(std::string_view text, std::string_view secret = {});

// A judge spec as it may be stored with a run: "llm:URL#MODEL" with redactUrl(URL); any other
// spec unchanged. (The judge itself uses the spec as given; only the stored copy loses them.)
std::string redactJudgeSpec(std::string_view spec);

// redactSecrets, then control characters and invalid UTF-8 become spaces / U+FFFD, and the
// result is cut (on a character boundary) to at most `maxBytes`, with "..." when cut.
// Line breaks and tabs stay when `multiline` (a judge's answer); otherwise they become spaces.
std::string safeExcerpt(std::string_view text, std::string_view secret, std::size_t maxBytes,
                        bool multiline = false);

}  // namespace catdpo
