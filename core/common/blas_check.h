// SPDX-License-Identifier: MIT
// Detects the slow path that bites every Debian user once: LibTorch linked against the
// reference BLAS (~30x slower matrix products than OpenBLAS). We time a small fp32 matrix
// product and look at which libblas the process mapped; the verdict logic is a pure function.
#pragma once

#include <optional>
#include <string>

namespace catdpo {

// Below this many GFLOP/s on a 256^3 fp32 product, we call the speed "reference-BLAS speed".
// OpenBLAS on one slow core still reaches ~15; the reference BLAS stays near 2-6.
inline constexpr double kReferenceBlasGflops = 10.0;

struct BlasProbe {
  double gflops = 0.0;      // measured fp32 matmul throughput
  int threads = 1;          // LibTorch intra-op threads during the probe
  std::string libraryPath;  // resolved path of the mapped libblas, empty if none found
};

enum class BlasVerdict { Fast, ReferenceLibrary, SlowUnknownLibrary };

// Pure decision: the reference library is always flagged; an unidentified library is flagged
// only when it runs at reference speed.
BlasVerdict classifyBlas(double gflops, const std::string& libraryPath);
bool isReferenceBlasPath(const std::string& libraryPath);
bool isOptimisedBlasPath(const std::string& libraryPath);

// The user-facing warning for a verdict, or nothing when the BLAS is fine.
std::optional<std::string> blasWarning(const BlasProbe& probe);

// Times an n x n x n fp32 product (a few repetitions, best of them). Takes ~10 ms with OpenBLAS.
BlasProbe probeBlas(int n = 256);
// Finds the BLAS library mapped into this process (reads /proc/self/maps on Linux).
std::string mappedBlasLibrary();

}  // namespace catdpo
