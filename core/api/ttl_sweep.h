// The engine's deletion of expired items (time to live). DynamoDB deletes them in the
// background within days; ShoalDB sweeps from Engine::execute at most every
// limits::kTtlSweepIntervalMillis of engine time, at most limits::kTtlSweepMaxItems items per
// sweep, and Engine::sweepExpired runs one on demand. The deletes are one ChangeSet, so the
// durability log, sync and the change stream see them like any write (the stream records them
// as deletions by the service: stream/stream_registry.h).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "api/catalog.h"

namespace shoal {

class TtlSweeper {
 public:
  // Sweeps when the last sweep is at least the interval ago (or the clock went back).
  size_t maybeSweep(Catalog& catalog, int64_t nowMillis);
  // Deletes up to `limit` expired items now; returns how many.
  size_t sweep(Catalog& catalog, int64_t nowMillis, size_t limit);

 private:
  int64_t lastSweepMillis_ = INT64_MIN;
  std::string resumeAfter_;  // the table a sweep that hit its limit stopped in: fairness
};

}  // namespace shoal
