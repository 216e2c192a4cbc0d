// SPDX-License-Identifier: MIT
// CPUID leaf 7: subleaf 0 EDX bit 22 = AMX-BF16, bit 24 = AMX-TILE; subleaf 1 EAX bit 5 =
// AVX512_BF16. XCR0 (XGETBV 0) must have the opmask, upper-ZMM and hi16-ZMM bits (5, 6, 7)
// for AVX-512 and the XTILECFG/XTILEDATA bits (17, 18) for AMX. Linux also wants a process to
// ask for AMX state (arch_prctl) before it uses tiles; oneDNN does that itself.
#include "common/cpu_features.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#endif

#include <cstdint>

namespace catdpo {

namespace {

#if defined(__x86_64__) || defined(__i386__)
std::uint64_t xcr0() {
  std::uint32_t eax = 0, edx = 0;
  __asm__ volatile("xgetbv" : "=a"(eax), "=d"(edx) : "c"(0));
  return (static_cast<std::uint64_t>(edx) << 32) | eax;
}
#endif

}  // namespace

std::string CpuBf16Support::describe() const {
  if (!native()) return "none";
  std::string out;
  if (amxBf16) out = "AMX-BF16";
  if (avx512Bf16) out += std::string(out.empty() ? "" : ", ") + "AVX512-BF16";
  return out;
}

CpuBf16Support detectCpuBf16() {
  CpuBf16Support out;
#if defined(__x86_64__) || defined(__i386__)
  unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
  if (__get_cpuid_max(0, nullptr) < 7) return out;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !(ecx & (1u << 27)))  // OSXSAVE
    return out;
  const std::uint64_t xcr = xcr0();
  const bool osAvx512 = (xcr & 0xE6) == 0xE6;  // SSE, AVX, opmask, ZMM_Hi256, Hi16_ZMM
  const bool osAmx = (xcr & (3ull << 17)) == (3ull << 17);
  __cpuid_count(7, 0, eax, ebx, ecx, edx);
  const unsigned int maxSubleaf = eax;
  const bool avx512f = (ebx & (1u << 16)) != 0;
  out.amxBf16 = osAmx && (edx & (1u << 22)) && (edx & (1u << 24));
  if (maxSubleaf >= 1) {
    __cpuid_count(7, 1, eax, ebx, ecx, edx);
    out.avx512Bf16 = osAvx512 && avx512f && (eax & (1u << 5));
  }
#endif
  return out;
}

}  // namespace catdpo
