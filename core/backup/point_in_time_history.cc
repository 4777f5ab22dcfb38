#include "backup/point_in_time_history.h"

#include <algorithm>

namespace shoal {
namespace {

// What a deque node, a vector and a key string cost beyond their payload, roughly: enough that
// a history of many tiny writes is not counted as free.
constexpr size_t kEntryOverheadBytes = 64;
constexpr size_t kWriteOverheadBytes = 48;

}  // namespace

PointInTimeHistory::PointInTimeHistory(int64_t enabledMillis, int64_t forgottenThroughMillis,
                                       std::deque<UndoEntry> entries)
    : enabledMillis_(enabledMillis), forgottenThrough_(forgottenThroughMillis), entries_(std::move(entries)) {
  for (const auto& e : entries_) bytes_ += entryBytes(e);
}

size_t PointInTimeHistory::entryBytes(const UndoEntry& entry) {
  size_t bytes = kEntryOverheadBytes;
  for (const auto& w : entry.writes) bytes += kWriteOverheadBytes + w.key.size() + (w.item ? w.item->sizeBytes : 0);
  return bytes;
}

void PointInTimeHistory::record(int64_t millis, std::vector<PriorImage> writes) {
  if (writes.empty()) return;
  int64_t floor = entries_.empty() ? std::max(enabledMillis_, forgottenThrough_) : entries_.back().millis;
  UndoEntry entry{std::max(millis, floor), std::move(writes)};
  bytes_ += entryBytes(entry);
  entries_.push_back(std::move(entry));
}

void PointInTimeHistory::forgetOldest() {
  forgottenThrough_ = std::max(forgottenThrough_, entries_.front().millis);
  bytes_ -= entryBytes(entries_.front());
  entries_.pop_front();
}

void PointInTimeHistory::trim(int64_t cutoffMillis, size_t maxBytes) {
  while (!entries_.empty() && entries_.front().millis <= cutoffMillis) forgetOldest();
  while (!entries_.empty() && bytes_ > maxBytes) forgetOldest();
}

int64_t PointInTimeHistory::earliestRestorable(int64_t nowMillis, int64_t windowMillis) const {
  return std::max({enabledMillis_, forgottenThrough_, nowMillis - windowMillis});
}

int64_t PointInTimeHistory::latestRestorable(int64_t nowMillis) const {
  return entries_.empty() ? nowMillis : std::max(nowMillis, entries_.back().millis);
}

Table::Rows PointInTimeHistory::rowsAt(int64_t millis, Table::Rows current) const {
  for (auto it = entries_.rbegin(); it != entries_.rend() && it->millis > millis; ++it) {
    // Newest first within a commit too, so an item written twice in one ChangeSet ends as it was.
    for (auto w = it->writes.rbegin(); w != it->writes.rend(); ++w) {
      if (w->item)
        current[w->key] = *w->item;
      else
        current.erase(w->key);
    }
  }
  return current;
}

}  // namespace shoal
