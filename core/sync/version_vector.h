// A version vector: for each site, the hybrid-clock time of the last unit from that site this
// peer has applied. Units of one site are applied in their order (each names its predecessor,
// see sync_unit.h), so vector[site] = h means "every unit of that site up to h is here".
#pragma once
#include <cstdint>
#include <map>
#include <string>

#include "storage/coding.h"
#include "table/stamp.h"

namespace shoal::sync {

class VersionVector {
 public:
  uint64_t get(uint64_t site) const {
    auto it = entries_.find(site);
    return it == entries_.end() ? 0 : it->second;
  }
  void set(uint64_t site, uint64_t hlc) {
    if (hlc) entries_[site] = hlc;
  }
  // Raises each entry to at least `other`'s.
  void mergeMax(const VersionVector& other);
  // Whether the unit (or write) with this stamp is here.
  bool covers(const Stamp& stamp) const { return get(stamp.site) >= stamp.hlc; }
  bool coversAll(const VersionVector& other) const;
  const std::map<uint64_t, uint64_t>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  bool operator==(const VersionVector& o) const { return entries_ == o.entries_; }

  // varint n, then n x (varint site, varint hlc), sites increasing, no zero hlc.
  void encode(std::string& out) const;
  static VersionVector decode(storage::ByteReader& in);

 private:
  std::map<uint64_t, uint64_t> entries_;
};

}  // namespace shoal::sync
