#include "api/ttl_sweep.h"

#include "api/limits.h"

namespace shoal {

size_t TtlSweeper::maybeSweep(Catalog& catalog, int64_t nowMillis) {
  if (lastSweepMillis_ != INT64_MIN && nowMillis >= lastSweepMillis_ &&
      nowMillis - lastSweepMillis_ < limits::kTtlSweepIntervalMillis)
    return 0;
  lastSweepMillis_ = nowMillis;
  return sweep(catalog, nowMillis, limits::kTtlSweepMaxItems);
}

size_t TtlSweeper::sweep(Catalog& catalog, int64_t nowMillis, size_t limit) {
  const auto& tables = catalog.tables();
  ChangeSet change;
  // Start after the table the previous sweep stopped in, so one table full of expired items
  // cannot starve the others.
  auto start = resumeAfter_.empty() ? tables.begin() : tables.upper_bound(resumeAfter_);
  resumeAfter_.clear();
  for (size_t visited = 0; visited < tables.size() && change.writes.size() < limit; ++visited) {
    if (start == tables.end()) start = tables.begin();
    Table& table = *start->second;
    if (table.schema().ttl.enabled) {
      table.setClock(nowMillis);
      for (std::string& key : table.expiredKeys(limit - change.writes.size()))
        change.writes.push_back({start->first, std::move(key), std::nullopt});
      if (change.writes.size() >= limit) resumeAfter_ = start->first;
    }
    ++start;
  }
  if (change.writes.empty()) return 0;
  change.stamp = catalog.stamp(nowMillis);
  catalog.commit(change);
  return change.writes.size();
}

}  // namespace shoal
