// SPDX-License-Identifier: MIT
// Sweeps in the run store: a sweep row holds the plan; its runs point at it through
// runs.sweep_id, so listing a sweep's runs is a normal run filter.
#include "common/error.h"
#include "store/run_store.h"
#include "store/run_store_impl.h"
#include "store/writer_identity.h"

namespace catdpo {

using store::SqliteDb;
using store::Statement;

namespace {
SweepRecord readSweep(const Statement& st) {
  return {st.columnText(0), st.columnText(1), st.columnText(2), st.columnText(3)};
}
constexpr const char* kSweepColumns = "id, name, created_at, plan_json";
}  // namespace

SweepRecord RunStore::createSweep(const std::string& name, const std::string& planJson) {
  SqliteDb& db = *m_impl->db;
  const std::string id = store::newUuid();
  const SweepRecord record{id, name.empty() ? "sweep-" + id.substr(0, 8) : name,
                           store::isoTimestamp(store::unixMillis()),
                           planJson.empty() ? std::string("{}") : planJson};
  store::Transaction tx(db);
  Statement st(db, "INSERT INTO sweeps(id, name, created_at, plan_json) VALUES (?, ?, ?, ?)");
  st.bind(1, record.id).bind(2, record.name).bind(3, record.createdAt).bind(4, record.planJson);
  st.run();
  tx.commit();
  return record;
}

SweepRecord RunStore::resolveSweep(const std::string& reference) const {
  if (reference.empty()) throw Error("no sweep given");
  SqliteDb& db = *m_impl->db;
  std::vector<SweepRecord> found;
  {
    Statement st(db, std::string("SELECT ") + kSweepColumns +
                         " FROM sweeps WHERE substr(id, 1, length(?1)) = lower(?1) ORDER BY id");
    st.bind(1, reference);
    while (st.step()) found.push_back(readSweep(st));
  }
  if (found.empty()) {
    Statement st(db, std::string("SELECT ") + kSweepColumns +
                         " FROM sweeps WHERE name = ? ORDER BY created_at");
    st.bind(1, reference);
    while (st.step()) found.push_back(readSweep(st));
  }
  if (found.empty()) throw Error("no sweep matches '" + reference + "' (by id, id prefix or name)");
  if (found.size() > 1) {
    std::string list;
    for (std::size_t i = 0; i < found.size() && i < 5; ++i) list += (i ? ", " : "") + found[i].id;
    throw Error("'" + reference + "' matches " + std::to_string(found.size()) + " sweeps (" + list +
                "); give more of the id");
  }
  return found.front();
}

std::vector<SweepRecord> RunStore::listSweeps() const {
  SqliteDb& db = *m_impl->db;
  Statement st(
      db, std::string("SELECT ") + kSweepColumns + " FROM sweeps ORDER BY created_at DESC, id");
  std::vector<SweepRecord> out;
  while (st.step()) out.push_back(readSweep(st));
  return out;
}

}  // namespace catdpo
