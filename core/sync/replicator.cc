#include "sync/replicator.h"

#include <algorithm>
#include <utility>

#include "api/error.h"
#include "storage/decode_error.h"
#include "sync/merge_batch.h"
#include "sync/sync_unit.h"

namespace shoal::sync {
namespace {

using storage::ByteReader;

// The first byte of a control event (log record type SyncControl). Never renumbered.
enum class ControlKind : uint8_t { Enable = 1 };

// The first byte of the snapshot section. Bumped when its layout changes.
// 1: no seen matrix (read as an empty one). 2: the seen matrix follows the reports.
constexpr uint8_t kSectionVersion = 2;

bool isKeyName(const KeySchema& key, const std::string& name) {
  return name == key.hash.name || (key.range && name == key.range->name);
}

bool allStamped(const StoredItem& item, const Stamp& stamp) {
  for (const auto& [name, attr] : item.attributes)
    if (!(attr.stamp == stamp)) return false;
  return true;
}

// The unit's write for one local ItemWrite: a PutItem (every attribute carries the commit's
// stamp, key attributes included, which an UpdateItem of an existing item never does: its
// key keeps the stamp of the item's latest replace), a DeleteItem, or an UpdateItem.
KeyDelta deltaOf(const ItemWrite& w, const StoredItem* before, const KeySchema& key, const Stamp& stamp) {
  KeyDelta d;
  d.table = w.table;
  d.key = w.key;
  if (!w.item) {
    d.replace = Replace::Delete;
    d.replaced = stamp;
    return d;
  }
  bool put = allStamped(*w.item, stamp);
  if (put) {
    d.replace = Replace::Put;
    d.replaced = stamp;
  }
  for (const auto& [name, attr] : w.item->attributes)
    if (attr.stamp == stamp && !isKeyName(key, name)) d.registers.emplace(name, Register{stamp, attr.value});
  if (!put && before)
    for (const auto& [name, attr] : before->attributes)
      if (!w.item->attributes.count(name) && !isKeyName(key, name))
        d.registers.emplace(name, Register{stamp, std::nullopt});
  return d;
}

}  // namespace

const char* applyStatusName(ApplyStatus status) {
  switch (status) {
    case ApplyStatus::Applied: return "applied";
    case ApplyStatus::Duplicate: return "duplicate";
    case ApplyStatus::Gap: return "gap";
    case ApplyStatus::Refused: return "refused";
    case ApplyStatus::Voided: return "voided";
  }
  return "refused";
}

void Replicator::enable() {
  if (enabled_) return;
  uint64_t site = catalog_->siteId();
  uint64_t base = catalog_->clock().last();
  enableAt(site, base);
  std::string event;
  event.push_back(static_cast<char>(ControlKind::Enable));
  storage::putVarint(event, site);
  storage::putVarint(event, base);
  record(std::move(event));
}

void Replicator::enableAt(uint64_t site, uint64_t base) {
  enabled_ = true;
  site_ = site;
  // Units start after `base`; a peer without what came before gets the state.
  if (base) {
    VersionVector before;
    before.set(site, base);
    vector_.mergeMax(before);
    units_.markCollected(before);
  }
}

void Replicator::record(std::string event) { catalog_->notifySyncControl(event); }

void Replicator::replayControl(std::string_view event) {
  ByteReader in(event);
  auto kind = static_cast<ControlKind>(in.byte("control kind"));
  switch (kind) {
    case ControlKind::Enable: {
      uint64_t site = in.varint("enable site");
      uint64_t base = in.varint("enable base");
      in.expectEnd("enable event");
      if (!enabled_) enableAt(site, base);
      return;
    }
  }
  ByteReader::fail("unknown sync control event " + std::to_string(static_cast<int>(kind)));
}

void Replicator::onCommit(const ChangeSet& change, const PreviousItems& previous) {
  if (!enabled_ || change.unit) return;  // a merged unit was recorded by applyUnit
  Unit u;
  u.origin = change.stamp.site;
  u.hlc = change.stamp.hlc;
  u.previous = vector_.get(u.origin);
  for (const auto& [site, hlc] : vector_.entries())
    if (site != u.origin) u.deps.set(site, hlc);
  u.writes.reserve(change.writes.size());
  for (size_t i = 0; i < change.writes.size(); ++i) {
    const ItemWrite& w = change.writes[i];
    const Table* table = catalog_->find(w.table);
    if (!table) continue;  // cannot happen: commit resolved every table
    const KeySchema& key = table->schema().key;
    const StoredItem* before = previous[i] ? &*previous[i] : nullptr;
    u.writes.push_back(deltaOf(w, before, key, change.stamp));
    // The hidden state follows the same rules as a remote merge would (no conflicts: a local
    // write has seen everything this peer holds).
    KeyState state = loadKeyState(before, hidden_.find(w.table, w.key), key);
    mergeDelta(state, u.writes.back(), key);
    hidden_.set(w.table, w.key, hiddenOf(state));
  }
  vector_.set(u.origin, u.hlc);
  VersionVector deps = u.deps;
  units_.append({u.origin, u.hlc, std::move(deps), encodeUnit(u)});
}

ApplyResult Replicator::applyUnit(const std::string& bytes, const TableFilter& writable) {
  ApplyResult result;
  auto refuse = [&](ApplyStatus status, std::string reason) {
    result.status = status;
    result.reason = std::move(reason);
    return result;
  };
  if (!enabled_) return refuse(ApplyStatus::Refused, "sync is not enabled on this database");
  Unit u;
  try {
    u = decodeUnit(bytes);
  } catch (const storage::DecodeError& e) {
    return refuse(ApplyStatus::Refused, std::string("malformed unit: ") + e.what());
  }
  uint64_t have = vector_.get(u.origin);
  if (u.hlc <= have) return refuse(ApplyStatus::Duplicate, "");
  if (u.origin == site_) return refuse(ApplyStatus::Refused, "a unit of this peer's own site that it did not make");
  if (u.previous != have)
    return refuse(ApplyStatus::Gap, "unit " + std::to_string(u.hlc) + " of site " + std::to_string(u.origin) +
                                        " follows " + std::to_string(u.previous) + ", but the last one here is " +
                                        std::to_string(have));
  if (writable) {
    for (const KeyDelta& w : u.writes) {
      if (writable(w.table)) continue;
      // Recorded without its writes: the origin's chain goes on, and the void travels on.
      result.status = ApplyStatus::Voided;
      result.reason = "table " + w.table + " may not be written by this peer";
      u.writes.clear();
      std::string voided = encodeUnit(u);
      MergeBatch batch(*catalog_, hidden_);
      batch.commit(u.stamp(), voided);
      vector_.set(u.origin, u.hlc);
      catalog_->clock().observe(u.hlc);
      units_.append({u.origin, u.hlc, std::move(u.deps), std::move(voided)});
      return result;
    }
  }

  const Stamp unitStamp = u.stamp();
  SawFn saw = [&](const Stamp& writer, const Stamp& write) {
    if (writer.site == write.site) return write.hlc <= writer.hlc;  // one site's writes are in order
    if (writer == unitStamp) return u.deps.get(write.site) >= write.hlc;
    const RetainedUnit* unit = units_.find(writer.site, writer.hlc);
    return unit && unit->deps.get(write.site) >= write.hlc;  // unknown: counted as concurrent
  };
  MergeBatch batch(*catalog_, hidden_);
  try {
    for (const KeyDelta& w : u.writes) batch.add(w, saw);
    batch.commit(unitStamp, bytes);
  } catch (const ApiError& e) {
    return refuse(ApplyStatus::Refused, e.what());
  }
  vector_.set(u.origin, u.hlc);
  catalog_->clock().observe(u.hlc);
  units_.append({u.origin, u.hlc, std::move(u.deps), bytes});
  result.conflicts = batch.conflicts().size();
  for (Conflict& c : batch.conflicts()) conflicts_.add(std::move(c));
  return result;
}

std::vector<std::string> Replicator::unitsFor(const VersionVector& theirs, size_t maxBytes,
                                              const TableFilter& readable) const {
  std::vector<std::string> out;
  if (units_.isBehind(theirs)) return out;
  for (const RetainedUnit* r : units_.missing(theirs, maxBytes)) {
    if (!readable) {
      out.push_back(r->bytes);
      continue;
    }
    Unit u = decodeUnit(r->bytes);
    size_t before = u.writes.size();
    u.writes.erase(std::remove_if(u.writes.begin(), u.writes.end(),
                                  [&](const KeyDelta& w) { return !readable(w.table); }),
                   u.writes.end());
    out.push_back(u.writes.size() == before ? r->bytes : encodeUnit(u));
  }
  return out;
}

void Replicator::noteReport(uint64_t site, const VersionVector& vector) {
  if (site == site_) return;
  VersionVector& known = reports_[site];
  known.mergeMax(vector);
  collect();
}

void Replicator::noteSeen(uint64_t site, const VersionVector& vector) {
  if (site != site_) seen_.note(site, vector);  // collected at the next report
}

void Replicator::forgetPeer(uint64_t site) {
  if (reports_.erase(site)) collect();
}

void Replicator::collect() {
  // A unit is collected once every known peer has it; with no known peer, nothing is (a peer
  // that appears later would need every unit made so far).
  if (!reports_.empty())
    units_.collect([&](const RetainedUnit& u) {
      for (const auto& [site, vector] : reports_)
        if (vector.get(u.origin) < u.hlc) return false;
      return true;
    });
  collectTombstones();
}

void Replicator::collectTombstones() {
  // Once every known site has seen them and nothing older can still arrive.
  TombstoneCut cut = seen_.cut(site_, vector_);
  // Again when the cut moved, or when tombstones arrived since (a state page can bring back one
  // collected here already: harmless, and dropped again).
  if ((cut == lastCut_ && hidden_.changes() == lastHiddenChanges_) || cut.floor == 0) return;
  lastCut_ = cut;
  lastHiddenChanges_ = hidden_.changes();
  tombstonesCollected_ += hidden_.collect(cut);
}

// byte version; bool enabled; varint site; vector; unit log; hidden store; conflict log;
// varint n reports, n x (varint site, vector).
void Replicator::encode(std::string& out) const {
  out.push_back(static_cast<char>(kSectionVersion));
  out.push_back(enabled_ ? 1 : 0);
  storage::putVarint(out, site_);
  vector_.encode(out);
  units_.encode(out);
  hidden_.encode(out);
  conflicts_.encode(out);
  storage::putVarint(out, reports_.size());
  for (const auto& [site, vector] : reports_) {
    storage::putVarint(out, site);
    vector.encode(out);
  }
  seen_.encode(out);
}

void Replicator::decode(std::string_view bytes) {
  ByteReader in(bytes);
  uint8_t version = in.byte("sync section version");
  if (version == 0) ByteReader::fail("sync section version 0");
  if (version > kSectionVersion)
    throw storage::DecodeError("sync section version " + std::to_string(version) + " is newer than this build reads",
                               storage::DecodeFailure::UnsupportedVersion);
  bool enabled = in.boolean("sync enabled");
  uint64_t site = in.varint("sync site");
  VersionVector vector = VersionVector::decode(in);
  UnitLog units = UnitLog::decode(in);
  HiddenStore hidden = HiddenStore::decode(in);
  ConflictLog conflicts = ConflictLog::decode(in);
  std::map<uint64_t, VersionVector> reports;
  size_t n = in.count("sync reports", 2);
  for (size_t i = 0; i < n; ++i) {
    uint64_t site = in.varint("report site");
    reports[site] = VersionVector::decode(in);
  }
  SeenMatrix seen;
  if (version >= 2) seen = SeenMatrix::decode(in);
  in.expectEnd("sync section");
  enabled_ = enabled;
  site_ = site;
  vector_ = std::move(vector);
  units_ = std::move(units);
  hidden_ = std::move(hidden);
  conflicts_ = std::move(conflicts);
  reports_ = std::move(reports);
  seen_ = std::move(seen);
  lastCut_ = TombstoneCut{};
  lastHiddenChanges_ = 0;
}

}  // namespace shoal::sync
