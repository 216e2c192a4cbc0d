// SPDX-License-Identifier: MIT
// Whether this CPU can multiply bfloat16 matrices natively (AVX512-BF16 or AMX-BF16), read
// from CPUID and checked against what the operating system enables (XCR0): a flag the OS
// does not back with saved register state would fault. Decides what precision "auto" picks
// on the CPU. Plain header; x86-64 only (elsewhere nothing is reported).
#pragma once

#include <string>

namespace catdpo {

struct CpuBf16Support {
  bool avx512Bf16 = false;  // AVX512_BF16 (CPUID.(7,1).EAX[5]), with the OS saving ZMM state
  bool amxBf16 = false;     // AMX-BF16 (CPUID.(7,0).EDX[22]), with the OS saving tile state
  bool native() const { return avx512Bf16 || amxBf16; }
  // "AVX512-BF16", "AMX-BF16, AVX512-BF16" or "none".
  std::string describe() const;
};

CpuBf16Support detectCpuBf16();

}  // namespace catdpo
