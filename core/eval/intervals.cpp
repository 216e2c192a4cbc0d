// SPDX-License-Identifier: MIT
#include "eval/intervals.h"

#include <algorithm>
#include <cmath>
#include <string>

#include "common/error.h"

namespace catdpo {

Interval wilsonInterval(long long successes, long long trials, double z) {
  if (trials < 0 || successes < 0 || successes > trials)
    throw Error("wilsonInterval: " + std::to_string(successes) + " successes out of " +
                std::to_string(trials) + " trials");
  if (!(z > 0) || !std::isfinite(z)) throw Error("wilsonInterval: the quantile must be positive");
  if (trials == 0) return {0.0, 1.0};
  const double n = static_cast<double>(trials);
  const double p = static_cast<double>(successes) / n;
  const double z2 = z * z;
  const double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const double half = z / (1 + z2 / n) * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  // At p = 0 or 1 the interval touches the bound exactly; rounding must not push it past.
  double low = successes == 0 ? 0.0 : std::max(0.0, centre - half);
  double high = successes == trials ? 1.0 : std::min(1.0, centre + half);
  return {low, high};
}

double normalQuantile(double p) {
  if (!(p > 0 && p < 1)) throw Error("normalQuantile: p must lie strictly between 0 and 1");
  // Rational approximation in three regions (central, lower tail, upper tail by symmetry),
  // then one Newton step on erfc to reach double precision.
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  const double lowTail = 0.02425;
  double x = 0;
  if (p < lowTail) {
    const double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - lowTail) {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const double q = std::sqrt(-2 * std::log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  // Halley refinement: e = Phi(x) - p.
  const double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  const double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  x = x - u / (1 + x * u / 2);
  return x;
}

}  // namespace catdpo
