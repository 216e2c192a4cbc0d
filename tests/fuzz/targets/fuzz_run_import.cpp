// SPDX-License-Identifier: MIT
// Fuzz target: a JSON run export imported into a scratch run database. An accepted run must
// have a valid id, no live status and no writer, and export again; it is then deleted so the
// database stays small.
#include "common/error.h"
#include "common/json_input.h"
#include "fuzz_input.h"
#include "store/run_export.h"
#include "store/run_location.h"
#include "store/run_store.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace catdpo;
  static RunStore store(fuzz::scratchDir() / "runs.sqlite");
  const auto file = fuzz::scratchFile("export.json", fuzz::asText(data, size));
  try {
    const ImportReport report = importRuns(store, file);
    for (const std::string& id : report.imported) {
      const auto run = store.run(id);
      if (!run || !isValidRunId(run->id) || run->status == RunStatus::Running ||
          run->status == RunStatus::Paused || run->writerPid != 0)
        __builtin_trap();
      (void)exportRunJson(store, id).dump();
      store.deleteRun(id);
    }
  } catch (const Error&) {
  }
  return 0;
}
