// What point-in-time recovery keeps for one table while it is on: an undo log. Each committed
// change to the table is recorded with its time (from its hybrid-clock stamp) and, per item it
// wrote, the item as it was before (or "absent"). Restoring to a time T starts from the table as
// it is now and undoes, newest first, every change made after T.
//
// Why an undo log rather than a base image plus the changes since: the table itself is the
// newest image, so nothing is copied while PITR is on; what it costs is the prior images of the
// changes inside the recovery window (retainedBytes). Changes older than the window are
// forgotten, which is what moves EarliestRestorableDateTime forward; so are the oldest ones
// when a table's history grows past its byte bound (PointInTimeLimits), so a write-heavy table
// gets a shorter window instead of unbounded memory.
#pragma once
#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "table/stored_item.h"
#include "table/table.h"

namespace shoal {

// One item as it was before a write: nullopt when the write created it.
struct PriorImage {
  std::string key;  // encoded primary key
  std::optional<StoredItem> item;
};

// One commit's writes to one table.
struct UndoEntry {
  int64_t millis = 0;  // the commit's time; never less than the entry before it
  std::vector<PriorImage> writes;
};

class PointInTimeHistory {
 public:
  explicit PointInTimeHistory(int64_t enabledMillis = 0) : enabledMillis_(enabledMillis) {}
  // As decoded from storage (storage/backup_codec.h).
  PointInTimeHistory(int64_t enabledMillis, int64_t forgottenThroughMillis, std::deque<UndoEntry> entries);

  int64_t enabledMillis() const { return enabledMillis_; }
  // Changes made at or before this time can no longer be undone (0: none forgotten).
  int64_t forgottenThroughMillis() const { return forgottenThrough_; }
  const std::deque<UndoEntry>& entries() const { return entries_; }
  // Approximate memory the prior images hold.
  size_t retainedBytes() const { return bytes_; }

  // Records one commit's writes. Times are kept non-decreasing (a stamp observed from a peer
  // may be older than the last local one): the entry's time is at least the previous entry's.
  void record(int64_t millis, std::vector<PriorImage> writes);
  // Forgets every change made at or before `cutoffMillis`, then the oldest changes while more
  // than `maxBytes` are retained.
  void trim(int64_t cutoffMillis, size_t maxBytes);

  // The restorable range at engine time `nowMillis` for a recovery window of `windowMillis`.
  int64_t earliestRestorable(int64_t nowMillis, int64_t windowMillis) const;
  int64_t latestRestorable(int64_t nowMillis) const;

  // The table's rows as they were at `millis` (>= earliestRestorable): `current` with every
  // change made after `millis` undone.
  Table::Rows rowsAt(int64_t millis, Table::Rows current) const;

 private:
  static size_t entryBytes(const UndoEntry& entry);
  void forgetOldest();

  int64_t enabledMillis_ = 0;
  int64_t forgottenThrough_ = 0;
  std::deque<UndoEntry> entries_;
  size_t bytes_ = 0;
};

}  // namespace shoal
