// Merges a set of deltas (one unit, or one page of a state transfer) into the items they touch
// and commits the result as one ChangeSet through Catalog::commit, so it applies whole or not
// at all; the hidden state follows only once the commit went through.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "api/catalog.h"
#include "sync/conflict_log.h"
#include "sync/hidden_store.h"
#include "sync/key_state.h"

namespace shoal::sync {

class MergeBatch {
 public:
  MergeBatch(Catalog& catalog, HiddenStore& hidden) : catalog_(catalog), hidden_(hidden) {}

  // Merges one delta. With `saw`, records the conflicts it resolved (conflicts()). Throws
  // ApiError ValidationException when the delta's table is missing or its key does not fit the
  // table's key schema.
  void add(const KeyDelta& delta, const SawFn& saw = nullptr);
  // Commits every item that changed as one ChangeSet stamped `stamp`, carrying `syncBytes`
  // (what the log stores; see ChangeSet::unit). Throws ApiError when an index refuses an item;
  // then nothing changed. Commits even when no item changed, so the log records the bytes.
  void commit(const Stamp& stamp, const std::string& syncBytes);

  std::vector<Conflict>& conflicts() { return conflicts_; }

 private:
  struct Pending {
    Table* table;
    Item keyAttributes;
    KeyState state;
  };
  Catalog& catalog_;
  HiddenStore& hidden_;
  std::map<std::pair<std::string, std::string>, Pending> pending_;
  std::vector<std::pair<std::string, std::string>> order_;
  std::vector<Conflict> conflicts_;
};

}  // namespace shoal::sync
