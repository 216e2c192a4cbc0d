// SPDX-License-Identifier: MIT
// Fuzz target: a model's config.json. A config that loads must round-trip through
// modelConfigToJson and describe a model whose weight layout can be listed.
#include "common/error.h"
#include "common/json_input.h"
#include "fuzz_input.h"
#include "model/model_config.h"
#include "model/weight_layout.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace catdpo;
  try {
    const nlohmann::json j = parseJson(fuzz::asText(data, size), JsonSource{"config.json", 1});
    const ModelConfig c = withJsonErrors(ErrorLocation{"config.json", 0, ""},
                                         [&] { return modelConfigFromJson(j, "config.json"); });
    const ModelConfig again = modelConfigFromJson(modelConfigToJson(c), "round trip");
    if (again.vocabSize != c.vocabSize || again.numLayers != c.numLayers) __builtin_trap();
    if (expectedParameterCount(c) <= 0) __builtin_trap();
  } catch (const Error&) {
  }
  return 0;
}
