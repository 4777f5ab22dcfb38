#include "sync/seen_matrix.h"

#include <algorithm>
#include <limits>
#include <set>

namespace shoal::sync {

bool SeenMatrix::note(uint64_t site, const VersionVector& vector) {
  VersionVector& known = entries_[site];
  if (known.coversAll(vector)) return false;
  known.mergeMax(vector);
  return true;
}

TombstoneCut SeenMatrix::cut(uint64_t self, const VersionVector& mine) const {
  TombstoneCut none;
  std::set<uint64_t> sites;  // every site known here: reporters and every site any vector names
  for (const auto& [site, hlc] : mine.entries()) sites.insert(site);
  bool others = false;
  for (const auto& [site, vector] : entries_) {
    if (site == self) continue;
    others = true;
    sites.insert(site);
    for (const auto& [s, hlc] : vector.entries()) sites.insert(s);
  }
  if (!others) return none;
  TombstoneCut cut;
  cut.floor = std::numeric_limits<uint64_t>::max();
  for (uint64_t s : sites) {
    // Rule 1: what every site has seen of s's writes (s itself holds all of them, and this
    // peer holds `mine`). Rule 2 needs the most any report shows.
    uint64_t least = mine.get(s), most = mine.get(s);
    for (const auto& [site, vector] : entries_) {
      if (site == self) continue;
      if (site != s) least = std::min(least, vector.get(s));
      most = std::max(most, vector.get(s));
    }
    if (s != self && !entries_.count(s)) return none;  // a site known only from others' vectors
    cut.seenByAll.set(s, least);
    // Rule 2: units of s that some report shows and this peer lacks start above mine.get(s).
    if (mine.get(s) < most) cut.floor = std::min(cut.floor, mine.get(s));
  }
  return cut;
}

void SeenMatrix::encode(std::string& out) const {
  storage::putVarint(out, entries_.size());
  for (const auto& [site, vector] : entries_) {
    storage::putVarint(out, site);
    vector.encode(out);
  }
}

SeenMatrix SeenMatrix::decode(storage::ByteReader& in) {
  SeenMatrix m;
  size_t n = in.count("seen sites", 2);
  for (size_t i = 0; i < n; ++i) {
    uint64_t site = in.varint("seen site");
    m.entries_[site] = VersionVector::decode(in);
  }
  return m;
}

}  // namespace shoal::sync
