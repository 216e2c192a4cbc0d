// SPDX-License-Identifier: MIT
// The plot palettes can be told apart: the colour difference (CIEDE2000, checked first against
// published reference pairs) between every two of the 19 category colours is at least 20, and
// between every two run colours at least 25; the rank ramp grows lighter from low to high.
#include <QtTest>
#include <algorithm>

#include "ui/plots/color_science.h"
#include "ui/plots/plot_theme.h"

using catdpo::ui::deltaE2000;
using catdpo::ui::deltaE76;
using catdpo::ui::Lab;
using catdpo::ui::toLab;

namespace {
double minimumPairwise(const std::vector<QColor>& colors,
                       double (*difference)(const Lab&, const Lab&)) {
  double least = 1e9;
  for (size_t i = 0; i < colors.size(); ++i)
    for (size_t j = i + 1; j < colors.size(); ++j)
      least = std::min(least, difference(toLab(colors[i]), toLab(colors[j])));
  return least;
}
}  // namespace

class TestPalette : public QObject {
  Q_OBJECT
 private slots:
  // Pairs 1, 2, 3, 17 and 18 of Sharma, Wu and Dalal's CIEDE2000 test data (2005), 4 decimals.
  void ciede2000MatchesTheReferenceData() {
    struct Pair {
      Lab x, y;
      double expected;
    };
    const Pair pairs[] = {
        {{50, 2.6772, -79.7751}, {50, 0, -82.7485}, 2.0425},
        {{50, 3.1571, -77.2803}, {50, 0, -82.7485}, 2.8615},
        {{50, 2.8361, -74.0200}, {50, 0, -82.7485}, 3.4412},
        {{50, 2.5, 0}, {73, 25, -18}, 27.1492},
        {{50, 2.5, 0}, {61, -5, 29}, 22.8977},
    };
    for (const Pair& p : pairs) {
      QVERIFY2(std::abs(deltaE2000(p.x, p.y) - p.expected) < 5e-5,
               qPrintable(QString::number(deltaE2000(p.x, p.y), 'f', 6)));
      QVERIFY(std::abs(deltaE2000(p.y, p.x) - p.expected) < 5e-5);  // symmetric
    }
    QCOMPARE(deltaE2000({40, 10, 10}, {40, 10, 10}), 0.0);
    QCOMPARE(deltaE76({50, 0, 0}, {53, 4, 0}), 5.0);
  }

  void labOfKnownColours() {
    const Lab white = toLab(Qt::white);
    QVERIFY(std::abs(white.L - 100) < 1e-3 && std::abs(white.a) < 1e-3 && std::abs(white.b) < 1e-3);
    const Lab red = toLab(QColor(255, 0, 0));  // sRGB red: L* 53.24, a* 80.09, b* 67.20
    QVERIFY(std::abs(red.L - 53.24) < 0.01 && std::abs(red.a - 80.09) < 0.02 &&
            std::abs(red.b - 67.20) < 0.02);
    const QColor back = catdpo::ui::fromLab(toLab(QColor(0x12, 0x9a, 0x3c)));
    QVERIFY(std::abs(back.red() - 0x12) <= 1 && std::abs(back.green() - 0x9a) <= 1 &&
            std::abs(back.blue() - 0x3c) <= 1);
  }

  // The minimum over all 171 pairs is 21.56 (CIEDE2000; 26.47 by CIE76): far above the ~2 of a
  // just noticeable difference, and above 20, the bound asserted here.
  void nineteenCategoryColoursArePairwiseDistinct() {
    std::vector<QColor> colors;
    for (int k = 0; k < catdpo::ui::kCategoryColorCount; ++k)
      colors.push_back(catdpo::ui::categoryColor(k));
    QCOMPARE(int(colors.size()), 19);
    const double least = minimumPairwise(colors, deltaE2000);
    QVERIFY2(least >= 20.0, qPrintable(QString::number(least)));
    QVERIFY2(std::abs(least - 21.56) < 0.01, qPrintable(QString::number(least, 'f', 4)));
    QVERIFY(minimumPairwise(colors, deltaE76) >= 25.0);
    // Mid lightness: readable on a white and on a dark background.
    for (const QColor& c : colors) {
      const double L = toLab(c).L;
      QVERIFY2(L >= 37 && L <= 73, qPrintable(c.name()));
    }
    // Stable: the same index is the same colour every time, and categories past 19 differ.
    QCOMPARE(catdpo::ui::categoryColor(5), catdpo::ui::categoryColor(5));
    QVERIFY(catdpo::ui::categoryColor(19) != catdpo::ui::categoryColor(0));
  }

  void runColoursArePairwiseDistinct() {
    std::vector<QColor> colors;
    for (int r = 0; r < catdpo::ui::kRunColorCount; ++r) colors.push_back(catdpo::ui::runColor(r));
    const double least = minimumPairwise(colors, deltaE2000);
    QVERIFY2(least >= 25.0, qPrintable(QString::number(least)));
    // Two runs (the usual comparison) are very far apart.
    QVERIFY(deltaE2000(toLab(catdpo::ui::runColor(0)), toLab(catdpo::ui::runColor(1))) > 60);
  }

  void rankRampGrowsLighter() {
    double previous = -1;
    for (int i = 0; i <= 10; ++i) {
      const double L = toLab(catdpo::ui::rankColor(i / 10.0)).L;
      QVERIFY2(L > previous, qPrintable(QString::number(L)));
      previous = L;
    }
    QCOMPARE(catdpo::ui::rankColor(-3), catdpo::ui::rankColor(0));
    QCOMPARE(catdpo::ui::rankColor(7), catdpo::ui::rankColor(1));
  }
};

QTEST_MAIN(TestPalette)
#include "test_palette.moc"
