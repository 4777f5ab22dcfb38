#include "sync/conflict_log.h"

#include "api/limits.h"
#include "json/json.h"
#include "json/wire_value.h"
#include "storage/value_codec.h"

namespace shoal::sync {
namespace {

using storage::ByteReader;

void writeSide(JsonWriter& w, const ConflictSide& side) {
  w.StartObject();
  if (side.value) {
    writeKey(w, "Value");
    writeAttributeValue(w, *side.value);
  }
  writeKey(w, "Deleted");
  w.Bool(!side.value);
  writeKey(w, "Hlc");
  writeString(w, std::to_string(side.stamp.hlc));
  writeKey(w, "Site");
  w.Uint64(side.stamp.site);
  w.EndObject();
}

void putSide(std::string& out, const ConflictSide& side) {
  storage::putVarint(out, side.stamp.hlc);
  storage::putVarint(out, side.stamp.site);
  out.push_back(side.value ? 1 : 0);
  if (side.value) storage::encodeValue(out, *side.value);
}

ConflictSide readSide(ByteReader& in) {
  ConflictSide side;
  side.stamp.hlc = in.varint("conflict hlc");
  side.stamp.site = in.varint("conflict site");
  if (in.boolean("conflict has value")) side.value = storage::decodeValue(in);
  return side;
}

}  // namespace

void ConflictLog::add(Conflict conflict) {
  conflict.id = nextId_++;
  entries_.push_back(std::move(conflict));
  while (entries_.size() > limits::kSyncMaxConflicts) entries_.pop_front();
}

std::string ConflictLog::json(uint64_t afterId, size_t limit) const {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartArray();
  size_t written = 0;
  for (const Conflict& c : entries_) {
    if (c.id <= afterId) continue;
    if (written++ == limit) break;
    w.StartObject();
    writeKey(w, "Id");
    w.Uint64(c.id);
    writeKey(w, "TableName");
    writeString(w, c.table);
    writeKey(w, "Key");
    writeAttributeMap(w, c.key);
    writeKey(w, "Attribute");
    writeString(w, c.attribute);
    writeKey(w, "Winner");
    writeSide(w, c.winner);
    writeKey(w, "Loser");
    writeSide(w, c.loser);
    w.EndObject();
  }
  w.EndArray();
  return std::string(buf.GetString(), buf.GetSize());
}

// varint next id, varint n; per conflict: varint id, bytes table, varint n key attributes
// (bytes name, value), bytes attribute, winner, loser (varint hlc, varint site, bool, value).
void ConflictLog::encode(std::string& out) const {
  storage::putVarint(out, nextId_);
  storage::putVarint(out, entries_.size());
  for (const Conflict& c : entries_) {
    storage::putVarint(out, c.id);
    storage::putBytes(out, c.table);
    storage::putVarint(out, c.key.size());
    for (const auto& [name, value] : c.key) {
      storage::putBytes(out, name);
      storage::encodeValue(out, value);
    }
    storage::putBytes(out, c.attribute);
    putSide(out, c.winner);
    putSide(out, c.loser);
  }
}

ConflictLog ConflictLog::decode(ByteReader& in) {
  ConflictLog log;
  log.nextId_ = in.varint("conflict next id");
  size_t n = in.count("conflicts", 8);
  for (size_t i = 0; i < n; ++i) {
    Conflict c;
    c.id = in.varint("conflict id");
    if (c.id >= log.nextId_ || (!log.entries_.empty() && c.id <= log.entries_.back().id))
      ByteReader::fail("conflict ids out of order");
    c.table = std::string(in.bytes("conflict table"));
    size_t keys = in.count("conflict key", 2);
    for (size_t k = 0; k < keys; ++k) {
      std::string name(in.bytes("conflict key name"));
      c.key[name] = storage::decodeValue(in);
    }
    c.attribute = std::string(in.bytes("conflict attribute"));
    c.winner = readSide(in);
    c.loser = readSide(in);
    log.entries_.push_back(std::move(c));
  }
  return log;
}

}  // namespace shoal::sync
