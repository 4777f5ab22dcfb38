// State transfer: a peer behind the collection point (unit_log.h) gets the merge state of every
// item instead of the units it lacks, in pages, and merges each page with the same join as a
// unit. Pages are logged like units (their first byte tells them apart), so they replay.
//
// page   := 0x81 | varint sender site | vector start | bool last | varint n | n x KeyDelta
// cursor := vector start | bytes table | bytes key   (where the next page starts after)
#include <algorithm>

#include "api/error.h"
#include "storage/decode_error.h"
#include "sync/merge_batch.h"
#include "sync/replicator.h"

namespace shoal::sync {
namespace {

using storage::ByteReader;

// Never a unit format version (those stay below 0x80), so a SyncUnit log record says which.
constexpr uint8_t kStatePageMarker = 0x81;

KeyDelta deltaOfState(const std::string& table, const std::string& key, KeyState state) {
  KeyDelta d;
  d.table = table;
  d.key = key;
  if (state.replaced.hlc) {
    d.replace = state.replacedByPut ? Replace::Put : Replace::Delete;
    d.replaced = state.replaced;
  }
  d.registers = std::move(state.registers);
  return d;
}

void putPageHeader(std::string& out, uint64_t sender, const VersionVector& start, bool last, size_t count) {
  out.push_back(static_cast<char>(kStatePageMarker));
  storage::putVarint(out, sender);
  start.encode(out);
  out.push_back(last ? 1 : 0);
  storage::putVarint(out, count);
}

}  // namespace

bool isStatePage(std::string_view bytes) {
  return !bytes.empty() && static_cast<uint8_t>(bytes[0]) == kStatePageMarker;
}

StatePage Replicator::statePage(const std::string& cursor, size_t maxBytes, const TableFilter& readable) const {
  VersionVector start = vector_;
  std::string afterTable, afterKey;
  if (!cursor.empty()) {
    ByteReader in(cursor);
    start = VersionVector::decode(in);
    afterTable = std::string(in.bytes("cursor table"));
    afterKey = std::string(in.bytes("cursor key"));
    in.expectEnd("state cursor");
  }
  std::string deltas;
  size_t count = 0;
  std::string lastTable, lastKey;
  bool full = false;
  static const HiddenStore::Entries kNone;
  for (auto t = catalog_->tables().lower_bound(afterTable); t != catalog_->tables().end() && !full; ++t) {
    const std::string& name = t->first;
    if (readable && !readable(name)) continue;
    const Table& table = *t->second;
    auto hiddenTable = hidden_.tables().find(name);
    const HiddenStore::Entries& hidden = hiddenTable == hidden_.tables().end() ? kNone : hiddenTable->second;
    bool resume = name == afterTable && !cursor.empty();
    auto row = resume ? table.rows().upper_bound(afterKey) : table.rows().begin();
    auto tomb = resume ? hidden.upper_bound(afterKey) : hidden.begin();
    // Both maps are in key order: walk their union.
    while (row != table.rows().end() || tomb != hidden.end()) {
      const std::string& key =
          tomb == hidden.end() || (row != table.rows().end() && row->first <= tomb->first) ? row->first : tomb->first;
      const StoredItem* item = row != table.rows().end() && row->first == key ? &row->second : nullptr;
      const HiddenState* state = tomb != hidden.end() && tomb->first == key ? &tomb->second : nullptr;
      encodeKeyDelta(deltas, deltaOfState(name, key, loadKeyState(item, state, table.schema().key)), Stamp{});
      ++count;
      if (item) ++row;
      if (state) ++tomb;
      lastTable = name;
      lastKey = key;
      if (deltas.size() >= maxBytes) {
        full = true;
        break;
      }
    }
  }
  bool last = !full;  // a full page may be followed by an empty last one
  StatePage page;
  putPageHeader(page.bytes, site_, start, last, count);
  page.bytes += deltas;
  if (!last) {
    start.encode(page.nextCursor);
    storage::putBytes(page.nextCursor, lastTable);
    storage::putBytes(page.nextCursor, lastKey);
  }
  return page;
}

ApplyResult Replicator::applyStatePage(const std::string& bytes, const TableFilter& writable) {
  ApplyResult result;
  if (!enabled_) return {ApplyStatus::Refused, "sync is not enabled on this database", 0};
  uint64_t sender = 0;
  VersionVector start;
  bool last = false;
  std::vector<KeyDelta> deltas;
  try {
    ByteReader in(bytes);
    if (in.byte("page marker") != kStatePageMarker) ByteReader::fail("not a state page");
    sender = in.varint("page sender");
    start = VersionVector::decode(in);
    last = in.boolean("page last");
    size_t n = in.count("page deltas", 4);
    deltas.reserve(n);
    for (size_t i = 0; i < n; ++i) deltas.push_back(decodeKeyDelta(in, Stamp{}));
    in.expectEnd("state page");
  } catch (const storage::DecodeError& e) {
    return {ApplyStatus::Refused, std::string("malformed state page: ") + e.what(), 0};
  }
  std::string filtered;  // what the log stores when `writable` left items out: what was merged
  if (writable) {
    auto kept = std::remove_if(deltas.begin(), deltas.end(), [&](const KeyDelta& d) { return !writable(d.table); });
    if (kept != deltas.end()) {
      deltas.erase(kept, deltas.end());
      putPageHeader(filtered, sender, start, last, deltas.size());
      for (const KeyDelta& d : deltas) encodeKeyDelta(filtered, d, Stamp{});
    }
  }
  uint64_t newest = 0;
  MergeBatch batch(*catalog_, hidden_);
  try {
    for (const KeyDelta& d : deltas) {
      batch.add(d);
      newest = std::max(newest, d.replaced.hlc);
      for (const auto& [name, reg] : d.registers) newest = std::max(newest, reg.stamp.hlc);
    }
    batch.commit(Stamp{catalog_->clock().last(), sender}, filtered.empty() ? bytes : filtered);
  } catch (const ApiError& e) {
    return {ApplyStatus::Refused, e.what(), 0};
  }
  catalog_->clock().observe(newest);
  if (last) {
    // Every unit up to `start` is now merged in, but not held: a peer lacking one of them must
    // get the state from here too.
    VersionVector notHeld;
    for (const auto& [site, hlc] : start.entries())
      if (site != site_ && vector_.get(site) < hlc) notHeld.set(site, hlc);
    vector_.mergeMax(notHeld);
    units_.markCollected(notHeld);
  }
  return result;
}

}  // namespace shoal::sync
