// What every known site has reported seeing: per site, the highest whole version vector it
// reported, directly (its Hello) or through other peers (Hellos carry this matrix). A site's
// vector only grows, so reports merge by taking the maximum of each entry. Only whole vectors:
// a vector's own entry must cover every write its site made before it (rule 2 below).
//
// Tombstone collection asks it one question: may a tombstone with stamp T be dropped? Yes when
//   1. every site known here has reported seeing T: after that, a site's own writes carry
//      stamps above T (its clock was lifted past T when it merged it), so none of them is
//      older than T; and
//   2. every write older than T that exists is here too: a site's writes made before it had
//      seen T are in its report (its own entry), so this peer holds, for each site s, every unit
//      of s that any report shows, or at least all of them up to T.
// Then no write older than T can still arrive from a known site, and dropping T changes no
// merge to come. A site never heard of is the one case it cannot see (SYNC.md says what then).
#pragma once
#include <cstdint>
#include <map>

#include "storage/coding.h"
#include "sync/version_vector.h"

namespace shoal::sync {

// The answer for one moment: collect T when `seenByAll` covers T and T.hlc < `floor`.
struct TombstoneCut {
  VersionVector seenByAll;  // per site, the least any known site (this one included) has seen
  uint64_t floor = 0;       // stamps below it: every write older than them that exists is here

  bool collects(const Stamp& t) const { return t.hlc != 0 && t.hlc < floor && seenByAll.covers(t); }
  bool operator==(const TombstoneCut& o) const { return seenByAll == o.seenByAll && floor == o.floor; }
};

class SeenMatrix {
 public:
  // Site `site` has seen (at least) `vector`. Returns whether anything grew.
  bool note(uint64_t site, const VersionVector& vector);
  const std::map<uint64_t, VersionVector>& entries() const { return entries_; }

  // The cut for a peer `self` holding `mine`. Collects nothing when no other site is known, or
  // when a site appears in some vector but has never reported itself.
  TombstoneCut cut(uint64_t self, const VersionVector& mine) const;

  // varint n, n x (varint site, vector), sites increasing.
  void encode(std::string& out) const;
  static SeenMatrix decode(storage::ByteReader& in);

 private:
  std::map<uint64_t, VersionVector> entries_;
};

}  // namespace shoal::sync
