#include "sync/version_vector.h"

namespace shoal::sync {

void VersionVector::mergeMax(const VersionVector& other) {
  for (const auto& [site, hlc] : other.entries_)
    if (hlc > get(site)) entries_[site] = hlc;
}

bool VersionVector::coversAll(const VersionVector& other) const {
  for (const auto& [site, hlc] : other.entries_)
    if (get(site) < hlc) return false;
  return true;
}

void VersionVector::encode(std::string& out) const {
  storage::putVarint(out, entries_.size());
  for (const auto& [site, hlc] : entries_) {
    storage::putVarint(out, site);
    storage::putVarint(out, hlc);
  }
}

VersionVector VersionVector::decode(storage::ByteReader& in) {
  VersionVector v;
  size_t n = in.count("vector entries", 2);
  uint64_t previous = 0;
  for (size_t i = 0; i < n; ++i) {
    uint64_t site = in.varint("vector site");
    uint64_t hlc = in.varint("vector hlc");
    if ((i > 0 && site <= previous) || hlc == 0) storage::ByteReader::fail("malformed version vector");
    previous = site;
    v.entries_.emplace(site, hlc);
  }
  return v;
}

}  // namespace shoal::sync
