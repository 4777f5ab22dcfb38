#include "sync/unit_log.h"

#include "sync/sync_unit.h"

namespace shoal::sync {

void UnitLog::append(RetainedUnit unit) {
  bytes_ += unit.bytes.size();
  units_.push_back(std::move(unit));
}

const RetainedUnit* UnitLog::find(uint64_t origin, uint64_t hlc) const {
  // Newest first: conflicts are nearly always between recent writes.
  for (auto it = units_.rbegin(); it != units_.rend(); ++it)
    if (it->origin == origin && it->hlc == hlc) return &*it;
  return nullptr;
}

bool UnitLog::isBehind(const VersionVector& theirs) const {
  for (const auto& [site, hlc] : collected_.entries())
    if (theirs.get(site) < hlc) return true;
  return false;
}

std::vector<const RetainedUnit*> UnitLog::missing(const VersionVector& theirs, size_t maxBytes) const {
  std::vector<const RetainedUnit*> out;
  size_t bytes = 0;
  for (const RetainedUnit& u : units_) {
    if (u.hlc <= theirs.get(u.origin)) continue;
    if (!out.empty() && bytes + u.bytes.size() > maxBytes) break;
    bytes += u.bytes.size();
    out.push_back(&u);
  }
  return out;
}

size_t UnitLog::collect(const std::function<bool(const RetainedUnit&)>& covered) {
  size_t before = units_.size();
  std::deque<RetainedUnit> kept;
  for (RetainedUnit& u : units_) {
    if (covered(u)) {
      if (u.hlc > collected_.get(u.origin)) collected_.set(u.origin, u.hlc);
      bytes_ -= u.bytes.size();
    } else {
      kept.push_back(std::move(u));
    }
  }
  units_.swap(kept);
  return before - units_.size();
}

// vector collected; varint n; n x bytes unit (origin, hlc and deps are read back from it).
void UnitLog::encode(std::string& out) const {
  collected_.encode(out);
  storage::putVarint(out, units_.size());
  for (const RetainedUnit& u : units_) storage::putBytes(out, u.bytes);
}

UnitLog UnitLog::decode(storage::ByteReader& in) {
  UnitLog log;
  log.collected_ = VersionVector::decode(in);
  size_t n = in.count("retained units", 2);
  for (size_t i = 0; i < n; ++i) {
    std::string bytes(in.bytes("retained unit"));
    Unit u = decodeUnit(bytes);
    log.append({u.origin, u.hlc, std::move(u.deps), std::move(bytes)});
  }
  return log;
}

}  // namespace shoal::sync
