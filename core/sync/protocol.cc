#include "sync/protocol.h"

#include <algorithm>
#include <set>

#include "json/json.h"
#include "storage/decode_error.h"
#include "storage/schema_codec.h"
#include "sync/sync_unit.h"

namespace shoal::sync {
namespace {

using storage::ByteReader;

void begin(std::string& out, MessageType type, uint64_t site) {
  out.push_back(static_cast<char>(kProtocolVersion));
  out.push_back(static_cast<char>(type));
  storage::putVarint(out, site);
}

void putSchemas(std::string& out, Engine& engine, const std::set<std::string>& tables) {
  std::vector<std::string> schemas;
  for (const std::string& name : tables)
    if (const Table* t = engine.catalog().find(name)) {
      std::string bytes;
      storage::encodeSchema(bytes, t->schema());
      schemas.push_back(std::move(bytes));
    }
  storage::putVarint(out, schemas.size());
  for (const std::string& s : schemas) storage::putBytes(out, s);
}

// Creates the tables of `schemas` this peer lacks (only writable ones: the hub does not let a
// peer create a table it may not write).
void createMissingTables(Engine& engine, ByteReader& in, const TableFilter& writable) {
  size_t n = in.count("schemas", 1);
  for (size_t i = 0; i < n; ++i) {
    ByteReader schemaBytes(in.bytes("schema"));
    TableSchema schema = storage::decodeSchema(schemaBytes);
    schemaBytes.expectEnd("schema");
    if (engine.catalog().find(schema.name) || (writable && !writable(schema.name))) continue;
    engine.catalog().create(std::move(schema));
  }
}

// Writes to a table this peer lacks even after the message's schemas were applied (its sender
// no longer has it either): dropped, so that the origin's later units still apply; said in
// `errors`. Writes to tables `writable` refuses are left for applyUnit, which voids the unit.
bool dropMissingTables(Engine& engine, Unit& u, const TableFilter& writable, std::vector<std::string>& errors) {
  size_t before = u.writes.size();
  std::set<std::string> dropped;
  u.writes.erase(std::remove_if(u.writes.begin(), u.writes.end(),
                                [&](const KeyDelta& w) {
                                  bool missing = !engine.catalog().find(w.table) && (!writable || writable(w.table));
                                  if (missing) dropped.insert(w.table);
                                  return missing;
                                }),
                 u.writes.end());
  for (const std::string& table : dropped)
    errors.push_back("writes to table " + table + " were dropped: it does not exist here");
  return u.writes.size() != before;
}

MessageType readHeader(ByteReader& in, uint8_t* versionOut = nullptr) {
  uint8_t version = in.byte("protocol version");
  if (versionOut) *versionOut = version;
  if (version == 0) ByteReader::fail("protocol version 0");
  if (version > kProtocolVersion)
    throw storage::DecodeError("sync protocol version " + std::to_string(version) +
                                   " is newer than this peer speaks (" + std::to_string(kProtocolVersion) + ")",
                               storage::DecodeFailure::UnsupportedVersion);
  uint8_t type = in.byte("message type");
  if (type < 1 || type > 3) ByteReader::fail("unknown sync message type " + std::to_string(type));
  return static_cast<MessageType>(type);
}

}  // namespace

std::string helloMessage(Engine& engine) {
  std::string out;
  begin(out, MessageType::Hello, engine.replicator().site());
  storage::putVarint(out, engine.catalog().clock().last());
  engine.replicator().vector().encode(out);
  engine.replicator().seen().encode(out);  // since version 2
  return out;
}

OutgoingChanges changesMessage(Engine& engine, const VersionVector& theirs, size_t maxBytes,
                               const TableFilter& readable) {
  OutgoingChanges o;
  Replicator& r = engine.replicator();
  o.theirsAfter = theirs;
  if (r.isBehind(theirs)) {
    o.behind = true;
    return o;
  }
  std::vector<std::string> units = r.unitsFor(theirs, maxBytes, readable);
  if (units.empty()) return o;
  std::set<std::string> tables;
  for (const std::string& bytes : units) {
    Unit u = decodeUnit(bytes);
    for (const KeyDelta& w : u.writes) tables.insert(w.table);
    VersionVector one;
    one.set(u.origin, u.hlc);
    o.theirsAfter.mergeMax(one);
  }
  begin(o.message, MessageType::Changes, r.site());
  putSchemas(o.message, engine, tables);
  storage::putVarint(o.message, units.size());
  for (const std::string& bytes : units) storage::putBytes(o.message, bytes);
  o.units = units.size();
  return o;
}

OutgoingState stateMessage(Engine& engine, const std::string& cursor, size_t maxBytes, const TableFilter& readable) {
  OutgoingState o;
  StatePage page = engine.replicator().statePage(cursor, maxBytes, readable);
  std::set<std::string> tables;
  for (const auto& [name, table] : engine.catalog().tables())
    if (!readable || readable(name)) tables.insert(name);
  if (!cursor.empty()) tables.clear();  // the first page brought them
  begin(o.message, MessageType::State, engine.replicator().site());
  putSchemas(o.message, engine, tables);
  storage::putBytes(o.message, page.bytes);
  storage::putBytes(o.message, page.nextCursor);
  o.nextCursor = std::move(page.nextCursor);
  return o;
}

namespace {

void writeVector(JsonWriter& w, const VersionVector& v) {
  w.StartObject();
  for (const auto& [site, hlc] : v.entries()) {
    writeKey(w, std::to_string(site));
    writeString(w, std::to_string(hlc));
  }
  w.EndObject();
}

}  // namespace

std::string statusJson(Engine& engine) {
  const Replicator& r = engine.replicator();
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  writeKey(w, "Site");
  w.Uint64(r.enabled() ? r.site() : engine.siteId());
  writeKey(w, "Enabled");
  w.Bool(r.enabled());
  writeKey(w, "Vector");
  writeVector(w, r.vector());
  writeKey(w, "RetainedUnits");
  w.Uint64(r.units().size());
  writeKey(w, "RetainedBytes");
  w.Uint64(r.units().bytes());
  writeKey(w, "Tombstones");
  w.Uint64(r.hidden().size());
  writeKey(w, "TombstonesCollected");
  w.Uint64(r.tombstonesCollected());
  writeKey(w, "Peers");
  w.StartObject();
  for (const auto& [site, vector] : r.reports()) {
    writeKey(w, std::to_string(site));
    writeVector(w, vector);
  }
  w.EndObject();
  writeKey(w, "Seen");
  w.StartObject();
  for (const auto& [site, vector] : r.seen().entries()) {
    writeKey(w, std::to_string(site));
    writeVector(w, vector);
  }
  w.EndObject();
  writeKey(w, "LastConflictId");
  w.Uint64(r.conflicts().lastId());
  w.EndObject();
  return std::string(buf.GetString(), buf.GetSize());
}

VersionVector vectorAfter(const VersionVector& vector, std::string_view message) {
  VersionVector out = vector;
  ByteReader in(message);
  MessageType type = readHeader(in);
  in.varint("sender site");
  if (type == MessageType::Changes) {
    size_t schemas = in.count("schemas", 1);
    for (size_t i = 0; i < schemas; ++i) in.bytes("schema");
    size_t n = in.count("units", 2);
    for (size_t i = 0; i < n; ++i) {
      Unit u = decodeUnit(in.bytes("unit"));
      VersionVector one;
      one.set(u.origin, u.hlc);
      out.mergeMax(one);
    }
  } else if (type == MessageType::State) {
    size_t schemas = in.count("schemas", 1);
    for (size_t i = 0; i < schemas; ++i) in.bytes("schema");
    ByteReader page(in.bytes("state page"));
    std::string_view next = in.bytes("state cursor");
    if (next.empty()) {
      page.byte("page marker");
      page.varint("page sender");
      out.mergeMax(VersionVector::decode(page));
    }
  }
  return out;
}

MessageType messageType(std::string_view message) {
  ByteReader in(message);
  return readHeader(in);
}

Received receiveMessage(Engine& engine, std::string_view message, int64_t nowMillis, const TableFilter& writable) {
  ByteReader in(message);
  Received r;
  uint8_t version = 0;
  r.type = readHeader(in, &version);
  r.site = in.varint("sender site");
  Replicator& rep = engine.replicator();
  engine.setTime(nowMillis);
  switch (r.type) {
    case MessageType::Hello: {
      r.clock = in.varint("hello clock");
      r.vector = VersionVector::decode(in);
      SeenMatrix seen;
      if (version >= 2) seen = SeenMatrix::decode(in);
      in.expectEnd("hello");
      for (const auto& [site, vector] : seen.entries()) rep.noteSeen(site, vector);
      rep.noteSeen(r.site, r.vector);
      rep.noteReport(r.site, r.vector);
      break;
    }
    case MessageType::Changes: {
      createMissingTables(engine, in, writable);
      size_t n = in.count("units", 2);
      std::set<uint64_t> gapped;  // after a gap, an origin's later units would gap too
      for (size_t i = 0; i < n; ++i) {
        std::string bytes(in.bytes("unit"));
        uint64_t origin = 0;
        try {
          Unit u = decodeUnit(bytes);
          origin = u.origin;
          if (dropMissingTables(engine, u, writable, r.errors)) bytes = encodeUnit(u);
        } catch (const storage::DecodeError&) {
          // applyUnit refuses it with the reason
        }
        if (gapped.count(origin)) {
          ++r.gaps;
          continue;
        }
        ApplyResult a = rep.applyUnit(bytes, writable);
        switch (a.status) {
          case ApplyStatus::Applied: ++r.applied; break;
          case ApplyStatus::Duplicate: ++r.duplicates; break;
          case ApplyStatus::Gap:
            ++r.gaps;
            gapped.insert(origin);
            break;
          case ApplyStatus::Refused:
            ++r.refused;
            gapped.insert(origin);  // its successors cannot apply before it
            r.errors.push_back(a.reason);
            break;
          case ApplyStatus::Voided:
            ++r.voided;
            r.errors.push_back(a.reason);
            break;
        }
        r.conflicts += a.conflicts;
      }
      in.expectEnd("changes");
      // The sender holds what it sent: a report as good as its Hello (collection needs no Hello).
      rep.noteReport(r.site, vectorAfter(VersionVector(), message));
      break;
    }
    case MessageType::State: {
      createMissingTables(engine, in, writable);
      std::string page(in.bytes("state page"));
      std::string next(in.bytes("state cursor"));
      in.expectEnd("state");
      ApplyResult a = rep.applyStatePage(page, writable);
      if (a.status == ApplyStatus::Applied) {
        ++r.applied;
      } else {
        ++r.refused;
        r.errors.push_back(a.reason);
      }
      r.stateDone = next.empty();
      r.stateCursor = std::move(next);
      if (r.stateDone && a.status == ApplyStatus::Applied) {
        VersionVector start = vectorAfter(VersionVector(), message);  // the sender's whole vector then
        rep.noteSeen(r.site, start);
        rep.noteReport(r.site, start);
      }
      break;
    }
  }
  return r;
}

}  // namespace shoal::sync
