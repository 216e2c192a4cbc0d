// SPDX-License-Identifier: MIT
// Helpers shared by the store tests and their writer child process (no Qt here): example step
// values that follow from the step number, raw SQL access for checks that must not go through
// the code under test, and file byte snapshots.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>

#include "store/run_store.h"

namespace catdpo::test {

// The whole file, to check that something was left byte-for-byte unchanged.
inline std::string fileBytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// One integer from raw SQL on a separate, plain connection (independent of RunStore).
inline std::int64_t rawInt(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  std::int64_t value = -1;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
      sqlite3_step(st) == SQLITE_ROW)
    value = sqlite3_column_int64(st, 0);
  sqlite3_finalize(st);
  sqlite3_close(h);
  return value;
}

inline bool rawExec(const std::string& db, const std::string& sql) {
  sqlite3* h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  sqlite3_busy_timeout(h, 5000);
  const bool ok = sqlite3_exec(h, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
  sqlite3_close(h);
  return ok;
}

// Step s of the example runs: values that are easy to check from the step number alone.
inline StepMetrics exampleStep(std::int64_t s, int categories) {
  StepMetrics m;
  m.step = s;
  m.totalSteps = 1000;
  m.loss = 1.0 / static_cast<double>(s);
  m.zMean = 0.01 * static_cast<double>(s);
  m.rewardChosen = 0.5;
  m.rewardRejected = -0.25;
  m.rewardMargin = 0.75;
  m.accuracy = 0.5 + 0.001 * static_cast<double>(s % 100);
  m.gradNorm = static_cast<double>(s % 7);
  m.learningRate = 1e-5;
  m.tokensPerSecond = 1234.5;
  m.elapsedSeconds = 0.1 * static_cast<double>(s);
  m.tokens = 512;
  for (int k = 0; k < categories; ++k) {
    CategoryStepMetrics c;
    c.category = k;
    c.pairs = k + 1;
    c.contrastive = k;
    c.g = 0.01 * k;
    c.lambda = 0.1 * static_cast<double>(s) + k;  // lambda_k(s)
    c.loss = 0.5;
    m.categories.push_back(c);
  }
  return m;
}

}  // namespace catdpo::test
