// The units this peer keeps for peers that may still lack them: every unit it made or applied,
// in the order it applied them (so each origin's units stay in their chain order), until every
// known peer has reported having them (replicator.h collects). A peer that lacks a unit
// already collected is "behind" and is sent the state instead (state_transfer.h).
#pragma once
#include <cstdint>
#include <deque>
#include <functional>
#include <string>
#include <vector>

#include "storage/coding.h"
#include "sync/version_vector.h"

namespace shoal::sync {

struct RetainedUnit {
  uint64_t origin = 0;
  uint64_t hlc = 0;
  VersionVector deps;  // kept decoded: conflict detection asks what a retained unit had seen
  std::string bytes;   // encoded (sync_unit.h), exactly as it was made
};

class UnitLog {
 public:
  void append(RetainedUnit unit);
  const RetainedUnit* find(uint64_t origin, uint64_t hlc) const;

  // Whether a peer at `theirs` lacks a unit this log no longer holds.
  bool isBehind(const VersionVector& theirs) const;
  // The units a peer at `theirs` lacks, in order, while their bytes stay within maxBytes (at
  // least one unit when any is lacking).
  std::vector<const RetainedUnit*> missing(const VersionVector& theirs, size_t maxBytes) const;

  // Drops every unit `covered` says all known peers have; `collected()` then remembers them.
  size_t collect(const std::function<bool(const RetainedUnit&)>& covered);
  // Marks every unit up to `vector` as collected without holding it (units made before sync
  // was enabled, or merged in through a state transfer).
  void markCollected(const VersionVector& vector) { collected_.mergeMax(vector); }
  const VersionVector& collected() const { return collected_; }

  size_t size() const { return units_.size(); }
  size_t bytes() const { return bytes_; }
  const std::deque<RetainedUnit>& units() const { return units_; }

  void encode(std::string& out) const;
  static UnitLog decode(storage::ByteReader& in);

 private:
  std::deque<RetainedUnit> units_;
  VersionVector collected_;  // per origin: the hlc of its last unit no longer held
  size_t bytes_ = 0;
};

}  // namespace shoal::sync
