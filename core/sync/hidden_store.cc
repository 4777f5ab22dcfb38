#include "sync/hidden_store.h"

namespace shoal::sync {
namespace {

using storage::ByteReader;

void putStamp(std::string& out, const Stamp& s) {
  storage::putVarint(out, s.hlc);
  storage::putVarint(out, s.site);
}

Stamp readStamp(ByteReader& in) {
  Stamp s;
  s.hlc = in.varint("stamp hlc");
  s.site = in.varint("stamp site");
  return s;
}

}  // namespace

const HiddenState* HiddenStore::find(const std::string& table, const std::string& key) const {
  auto t = tables_.find(table);
  if (t == tables_.end()) return nullptr;
  auto k = t->second.find(key);
  return k == t->second.end() ? nullptr : &k->second;
}

void HiddenStore::set(const std::string& table, const std::string& key, HiddenState state) {
  if (state.empty()) {
    auto t = tables_.find(table);
    if (t == tables_.end()) return;
    t->second.erase(key);
    if (t->second.empty()) tables_.erase(t);
    return;
  }
  tables_[table][key] = std::move(state);
  ++changes_;
}

size_t HiddenStore::size() const {
  size_t n = 0;
  for (const auto& [name, entries] : tables_) n += entries.size();
  return n;
}

size_t HiddenStore::collect(const TombstoneCut& cut) {
  size_t dropped = 0;
  for (auto t = tables_.begin(); t != tables_.end();) {
    Entries& entries = t->second;
    for (auto e = entries.begin(); e != entries.end();) {
      HiddenState& h = e->second;
      for (auto r = h.removed.begin(); r != h.removed.end();) {
        bool drop = cut.collects(r->second);
        dropped += drop;
        r = drop ? h.removed.erase(r) : std::next(r);
      }
      // An item that exists through updates only becomes one "put" at stamp zero: every write
      // that can still arrive is newer than the delete, so both forms merge alike.
      if (cut.collects(h.deleted)) {
        h.deleted = Stamp{};
        h.byUpdatesOnly = false;
        ++dropped;
      }
      e = h.empty() ? entries.erase(e) : std::next(e);
    }
    t = entries.empty() ? tables_.erase(t) : std::next(t);
  }
  return dropped;
}

// varint tables; per table: bytes name, varint entries; per entry: bytes key, stamp deleted,
// bool byUpdatesOnly, varint n removed, n x (bytes name, stamp).
void HiddenStore::encode(std::string& out) const {
  storage::putVarint(out, tables_.size());
  for (const auto& [table, entries] : tables_) {
    storage::putBytes(out, table);
    storage::putVarint(out, entries.size());
    for (const auto& [key, h] : entries) {
      storage::putBytes(out, key);
      putStamp(out, h.deleted);
      out.push_back(h.byUpdatesOnly ? 1 : 0);
      storage::putVarint(out, h.removed.size());
      for (const auto& [name, stamp] : h.removed) {
        storage::putBytes(out, name);
        putStamp(out, stamp);
      }
    }
  }
}

HiddenStore HiddenStore::decode(ByteReader& in) {
  HiddenStore store;
  size_t tables = in.count("hidden tables", 2);
  for (size_t t = 0; t < tables; ++t) {
    std::string table(in.bytes("hidden table"));
    Entries& entries = store.tables_[table];
    size_t n = in.count("hidden entries", 5);
    for (size_t i = 0; i < n; ++i) {
      std::string key(in.bytes("hidden key"));
      HiddenState h;
      h.deleted = readStamp(in);
      h.byUpdatesOnly = in.boolean("hidden byUpdatesOnly");
      size_t removed = in.count("hidden removed", 3);
      for (size_t r = 0; r < removed; ++r) {
        std::string name(in.bytes("removed name"));
        h.removed[name] = readStamp(in);
      }
      if (h.empty()) ByteReader::fail("empty hidden entry");
      entries[key] = std::move(h);
    }
    if (entries.empty()) ByteReader::fail("hidden table without entries");
  }
  return store;
}

}  // namespace shoal::sync
