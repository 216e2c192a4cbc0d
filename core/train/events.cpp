// SPDX-License-Identifier: MIT
#include "train/events.h"

#include <array>
#include <utility>

#include "common/error.h"

namespace catdpo {

namespace {
constexpr std::array<std::pair<RunStatus, const char*>, 8> kStatusNames{{
    {RunStatus::Created, "created"},
    {RunStatus::Running, "running"},
    {RunStatus::Paused, "paused"},
    {RunStatus::Finished, "finished"},
    {RunStatus::Failed, "failed"},
    {RunStatus::Stopped, "stopped"},
    {RunStatus::Cancelled, "cancelled"},
    {RunStatus::Interrupted, "interrupted"},
}};
}  // namespace

const char* toString(RunStatus status) {
  for (const auto& [s, name] : kStatusNames)
    if (s == status) return name;
  return "unknown";
}

RunStatus runStatusFromString(const std::string& text) {
  for (const auto& [s, name] : kStatusNames)
    if (text == name) return s;
  throw Error("unknown run status '" + text + "'");
}

}  // namespace catdpo
