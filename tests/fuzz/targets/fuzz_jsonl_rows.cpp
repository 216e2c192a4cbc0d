// SPDX-License-Identifier: MIT
// Fuzz target: a preference data file (JSONL, a JSON array, gzip of either), read strictly and
// with --skip-invalid. Anything but a catdpo::Error or a loaded data set is a finding.
#include "common/error.h"
#include "data/dataset.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace catdpo;
  const auto path = fuzz::scratchFile("rows.jsonl", fuzz::asText(data, size)).string();
  for (const bool skip : {false, true}) {
    ImportOptions options;
    options.skipInvalid = skip;
    options.maxRowBytes = 1u << 16;
    try {
      const Dataset d = loadDataset(path, options);
      (void)d.stats.pairs;
    } catch (const Error&) {
    }
  }
  return 0;
}
