// Version stamps for multi-master merge: every top-level attribute of every item carries the
// hybrid logical clock time and the site id of the write that set it. Sync compares stamps
// per attribute (last writer wins, site id breaks ties), so the stamp is part of the stored
// item from the first write on.
#pragma once
#include <cstdint>
#include <tuple>

namespace shoal {

struct Stamp {
  uint64_t hlc = 0;   // (physical milliseconds << 16) | logical counter
  uint64_t site = 0;  // the writing peer

  bool operator<(const Stamp& o) const { return std::tie(hlc, site) < std::tie(o.hlc, o.site); }
  bool operator==(const Stamp& o) const { return hlc == o.hlc && site == o.site; }
};

// A hybrid logical clock: monotonic even when the wall clock steps back, and lifted past any
// stamp observed from a peer, so causally later writes always carry larger stamps.
class HybridClock {
 public:
  uint64_t tick(int64_t wallMillis);
  void observe(uint64_t remoteHlc);
  uint64_t last() const { return last_; }

 private:
  uint64_t last_ = 0;
};

}  // namespace shoal
