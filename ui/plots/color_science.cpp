// SPDX-License-Identifier: MIT
#include "ui/plots/color_science.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace catdpo::ui {

namespace {
constexpr double kWhiteX = 0.95047, kWhiteY = 1.0, kWhiteZ = 1.08883;  // D65
constexpr double kDelta = 6.0 / 29.0;

double toLinear(double c) { return c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4); }
double fromLinear(double c) {
  return c <= 0.0031308 ? 12.92 * c : 1.055 * std::pow(c, 1.0 / 2.4) - 0.055;
}
double labF(double t) {
  return t > kDelta * kDelta * kDelta ? std::cbrt(t) : t / (3 * kDelta * kDelta) + 4.0 / 29.0;
}
double labFInverse(double f) {
  return f > kDelta ? f * f * f : 3 * kDelta * kDelta * (f - 4.0 / 29.0);
}
double radians(double degrees) { return degrees * std::numbers::pi / 180.0; }
double degrees(double radians) { return radians * 180.0 / std::numbers::pi; }
double hueDegrees(double b, double a) {
  if (a == 0 && b == 0) return 0;
  const double h = degrees(std::atan2(b, a));
  return h < 0 ? h + 360 : h;
}
double pow7(double x) {
  const double x2 = x * x;
  return x2 * x2 * x2 * x;
}
}  // namespace

Lab toLab(const QColor& color) {
  const QColor rgb = color.toRgb();
  const double r = toLinear(rgb.redF()), g = toLinear(rgb.greenF()), b = toLinear(rgb.blueF());
  const double x = 0.4124564 * r + 0.3575761 * g + 0.1804375 * b;
  const double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
  const double z = 0.0193339 * r + 0.1191920 * g + 0.9503041 * b;
  const double fx = labF(x / kWhiteX), fy = labF(y / kWhiteY), fz = labF(z / kWhiteZ);
  return {116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)};
}

QColor fromLab(const Lab& lab) {
  const double fy = (lab.L + 16) / 116;
  const double x = kWhiteX * labFInverse(fy + lab.a / 500);
  const double y = kWhiteY * labFInverse(fy);
  const double z = kWhiteZ * labFInverse(fy - lab.b / 200);
  const double r = 3.2404542 * x - 1.5371385 * y - 0.4985314 * z;
  const double g = -0.9692660 * x + 1.8760108 * y + 0.0415560 * z;
  const double b = 0.0556434 * x - 0.2040259 * y + 1.0572252 * z;
  const auto channel = [](double c) {
    return std::clamp(fromLinear(std::clamp(c, 0.0, 1.0)), 0.0, 1.0);
  };
  return QColor::fromRgbF(float(channel(r)), float(channel(g)), float(channel(b)));
}

double deltaE76(const Lab& x, const Lab& y) {
  return std::sqrt((x.L - y.L) * (x.L - y.L) + (x.a - y.a) * (x.a - y.a) +
                   (x.b - y.b) * (x.b - y.b));
}

double deltaE2000(const Lab& x, const Lab& y) {
  const double c1 = std::hypot(x.a, x.b), c2 = std::hypot(y.a, y.b);
  const double cMean = (c1 + c2) / 2;
  const double g = 0.5 * (1 - std::sqrt(pow7(cMean) / (pow7(cMean) + pow7(25.0))));
  const double a1 = (1 + g) * x.a, a2 = (1 + g) * y.a;
  const double c1p = std::hypot(a1, x.b), c2p = std::hypot(a2, y.b);
  const double h1p = hueDegrees(x.b, a1), h2p = hueDegrees(y.b, a2);
  const double dL = y.L - x.L;
  const double dC = c2p - c1p;
  double dh = 0;
  if (c1p * c2p != 0) {
    dh = h2p - h1p;
    if (dh > 180) dh -= 360;
    if (dh < -180) dh += 360;
  }
  const double dH = 2 * std::sqrt(c1p * c2p) * std::sin(radians(dh / 2));
  const double lMean = (x.L + y.L) / 2;
  const double cpMean = (c1p + c2p) / 2;
  double hMean = h1p + h2p;
  if (c1p * c2p != 0) {
    if (std::abs(h1p - h2p) <= 180)
      hMean /= 2;
    else
      hMean = hMean < 360 ? (hMean + 360) / 2 : (hMean - 360) / 2;
  }
  const double t = 1 - 0.17 * std::cos(radians(hMean - 30)) + 0.24 * std::cos(radians(2 * hMean)) +
                   0.32 * std::cos(radians(3 * hMean + 6)) -
                   0.20 * std::cos(radians(4 * hMean - 63));
  const double dTheta = 30 * std::exp(-((hMean - 275) / 25) * ((hMean - 275) / 25));
  const double rC = 2 * std::sqrt(pow7(cpMean) / (pow7(cpMean) + pow7(25.0)));
  const double sL =
      1 + 0.015 * (lMean - 50) * (lMean - 50) / std::sqrt(20 + (lMean - 50) * (lMean - 50));
  const double sC = 1 + 0.045 * cpMean;
  const double sH = 1 + 0.015 * cpMean * t;
  const double rT = -std::sin(radians(2 * dTheta)) * rC;
  const double l = dL / sL, c = dC / sC, h = dH / sH;
  return std::sqrt(l * l + c * c + h * h + rT * c * h);
}

}  // namespace catdpo::ui
