// SPDX-License-Identifier: MIT
// Fuzz target: a safetensors file (length prefix, JSON header, data). A file that opens must
// describe tensors that lie inside it; every tensor's bytes are touched to prove it.
#include "common/error.h"
#include "fuzz_input.h"
#include "model/safetensors.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace catdpo;
  const auto path = fuzz::scratchFile("model.safetensors", fuzz::asText(data, size));
  try {
    const SafetensorsFile file(path);
    unsigned sum = 0;
    for (const TensorInfo& t : file.tensors()) {
      const std::byte* bytes = file.data(t);
      for (std::uint64_t i = 0; i < t.byteSize(); ++i) sum += static_cast<unsigned>(bytes[i]);
      if (t.numel() < 0) __builtin_trap();  // validated shapes never overflow
    }
    (void)sum;
  } catch (const Error&) {
  }
  return 0;
}
