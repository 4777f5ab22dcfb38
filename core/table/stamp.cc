#include "table/stamp.h"

namespace shoal {

uint64_t HybridClock::tick(int64_t wallMillis) {
  uint64_t physical = wallMillis > 0 ? static_cast<uint64_t>(wallMillis) << 16 : 0;
  last_ = physical > last_ ? physical : last_ + 1;
  return last_;
}

void HybridClock::observe(uint64_t remoteHlc) {
  if (remoteHlc > last_) last_ = remoteHlc;
}

}  // namespace shoal
