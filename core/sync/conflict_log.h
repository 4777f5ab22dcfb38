// Conflicts the merge rules resolved, kept so an app can show or repair them: a bounded list
// (the newest limits::kSyncMaxConflicts), each with both values, their stamps and sites. A
// conflict is two writes to the same attribute (or a delete and an update of the same item)
// made without either having seen the other; the rules keep the later one on every peer, and
// each peer that merges the pair records it (SYNC.md, "Conflicts").
#pragma once
#include <cstdint>
#include <deque>
#include <string>

#include "storage/coding.h"
#include "sync/key_state.h"

namespace shoal::sync {

struct Conflict {
  uint64_t id = 0;  // increasing on this peer, from 1
  std::string table;
  Item key;         // the item's key attributes
  std::string attribute;
  ConflictSide winner;
  ConflictSide loser;
};

class ConflictLog {
 public:
  void add(Conflict conflict);
  const std::deque<Conflict>& entries() const { return entries_; }
  uint64_t lastId() const { return nextId_ - 1; }

  // A JSON array of the conflicts with id > afterId, oldest first, at most `limit`:
  // {"Id", "TableName", "Key" (wire), "Attribute", "Winner" and "Loser": {"Value" (wire; absent
  // when that side deleted the item or removed the attribute), "Deleted" (bool), "Hlc" (decimal
  // text: 64 bits), "Site"}}.
  std::string json(uint64_t afterId, size_t limit) const;

  void encode(std::string& out) const;
  static ConflictLog decode(storage::ByteReader& in);

 private:
  std::deque<Conflict> entries_;
  uint64_t nextId_ = 1;
};

}  // namespace shoal::sync
