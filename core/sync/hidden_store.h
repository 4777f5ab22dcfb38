// The merge state that tables do not show (key_state.h's HiddenState), per table and key:
// item tombstones of deleted items, attribute tombstones, items brought back by updates.
// Entries exist only where the table's items alone would not reproduce the merge state.
#pragma once
#include <map>
#include <string>

#include "storage/coding.h"
#include "sync/key_state.h"
#include "sync/seen_matrix.h"

namespace shoal::sync {

class HiddenStore {
 public:
  using Entries = std::map<std::string, HiddenState>;  // by encoded key

  const HiddenState* find(const std::string& table, const std::string& key) const;
  // Stores `state`, or erases the entry when it is empty.
  void set(const std::string& table, const std::string& key, HiddenState state);
  void dropTable(const std::string& table) { tables_.erase(table); }
  const std::map<std::string, Entries>& tables() const { return tables_; }
  size_t size() const;
  // Counts set() calls that left an entry: tombstones may have arrived since a given count.
  uint64_t changes() const { return changes_; }
  // Drops every tombstone `cut` collects (item tombstones, attribute tombstones, the delete
  // before an item that exists through updates only); returns how many.
  size_t collect(const TombstoneCut& cut);

  void encode(std::string& out) const;
  static HiddenStore decode(storage::ByteReader& in);
  bool operator==(const HiddenStore& o) const { return tables_ == o.tables_; }

 private:
  std::map<std::string, Entries> tables_;
  uint64_t changes_ = 0;
};

}  // namespace shoal::sync
