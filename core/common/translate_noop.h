// SPDX-License-Identifier: MIT
// Marks texts that core shows and the app translates (the method catalogue, the results
// table's titles): the app's translation extractor reads this macro as QT_TRANSLATE_NOOP and
// translates by the English text in `context`; core keeps the plain UTF-8 string.
#pragma once

#define CATDPO_TRANSLATE_NOOP(context, text) text
