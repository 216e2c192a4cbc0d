// SPDX-License-Identifier: MIT
#include "ui/engine/demo_config.h"

namespace catdpo::ui {

catdpo::TrainConfig demoTrainConfig(bool quick) {
  catdpo::TrainConfig config;
  config.dataPath = quick ? "demo:1500" : "demo";
  config.modelPath = quick ? "demo:quick" : "demo";
  config.steps = quick ? 40 : 150;
  config.learningRate = 2e-4;
  config.eval.every = quick ? 20 : 50;
  config.checkpointEvery = 50;
  return config;
}

}  // namespace catdpo::ui
