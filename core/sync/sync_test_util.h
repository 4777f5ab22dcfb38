// Helpers shared by the sync tests (header-only, not part of the core library): peers as
// engines with sync on, unit delivery between them, and the canonical bytes of what peers must
// agree on (items with their stamps, index entries, hidden merge state, version vector).
#pragma once
#include <catch2/catch_test_macros.hpp>

#include <string>

#include "api/engine.h"
#include "storage/coding.h"
#include "storage/value_codec.h"

namespace shoal::sync::testing {

inline constexpr int64_t kNow = 1'700'000'000'000;

struct Peer {
  Engine engine;
  int64_t now = kNow;

  // `withLog`: the durability log is on from the start (before sync, as a durable database has it).
  explicit Peer(uint64_t site, bool withLog = false) : engine(site) {
    if (withLog) engine.enableLog();
    engine.enableSync();
  }
  Replicator& sync() { return engine.replicator(); }

  Response call(const std::string& op, const std::string& body) { return engine.execute(op, body, now); }
  void ok(const std::string& op, const std::string& body) {
    Response r = call(op, body);
    INFO(op << " " << body << " -> " << r.body);
    REQUIRE(r.status == 200);
  }
};

// Applies every unit `to` lacks from `from`, in order, in batches of at most `maxBytes`.
// Returns how many were applied.
inline size_t deliver(Peer& from, Peer& to, size_t maxBytes = SIZE_MAX) {
  size_t applied = 0;
  for (;;) {
    auto units = from.sync().units().missing(to.sync().vector(), maxBytes);
    if (units.empty()) return applied;
    for (const RetainedUnit* u : units) {
      ApplyResult r = to.sync().applyUnit(u->bytes);
      INFO(applyStatusName(r.status) << ": " << r.reason);
      REQUIRE((r.status == ApplyStatus::Applied || r.status == ApplyStatus::Duplicate));
      applied += r.status == ApplyStatus::Applied;
    }
  }
}

// What converged peers hold identically: every table's items (stamps included) and index
// entries, sync's hidden state and version vector. Schemas are left out (each peer created its
// tables itself: creation times and ids differ).
// `withHidden` false: without the hidden state (peers drop tombstones at different moments).
inline std::string convergedBytes(Engine& engine, bool withHidden = true) {
  std::string out;
  for (const auto& [name, table] : engine.catalog().tables()) {
    storage::putBytes(out, name);
    storage::putVarint(out, table->itemCount());
    storage::putVarint(out, table->sizeBytes());
    for (const auto& [key, item] : table->rows()) {
      storage::putBytes(out, key);
      storage::encodeStoredItem(out, item);
    }
    for (const auto& index : table->indexes()) {
      storage::putVarint(out, index.itemCount());
      for (const auto& [indexKey, entry] : index.entries()) {
        storage::putBytes(out, indexKey);
        storage::putBytes(out, entry.tableKey);
      }
    }
  }
  if (withHidden) engine.replicator().hidden().encode(out);
  engine.replicator().vector().encode(out);
  return out;
}

}  // namespace shoal::sync::testing
