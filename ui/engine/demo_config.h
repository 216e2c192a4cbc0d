// SPDX-License-Identifier: MIT
// The built-in demo's run configuration, the same one `catdpo train --demo [--quick]` uses:
// demo data and demo model, long enough for λ_k to move, short enough for a coffee.
#pragma once

#include "train/train_config.h"

namespace catdpo::ui {

// quick: the small demo model and data set (about a minute on a laptop).
catdpo::TrainConfig demoTrainConfig(bool quick = false);

}  // namespace catdpo::ui
