#include "sync/sync_unit.h"

#include "storage/value_codec.h"

namespace shoal::sync {
namespace {

using storage::ByteReader;

// 0: the context stamp; 1: varint hlc, varint site follow.
void putStamp(std::string& out, const Stamp& stamp, const Stamp& context) {
  if (stamp == context && context.hlc != 0) {
    out.push_back(0);
    return;
  }
  out.push_back(1);
  storage::putVarint(out, stamp.hlc);
  storage::putVarint(out, stamp.site);
}

Stamp readStamp(ByteReader& in, const Stamp& context) {
  uint8_t flag = in.byte("stamp flag");
  if (flag == 0) {
    if (context.hlc == 0) ByteReader::fail("stamp refers to a missing context");
    return context;
  }
  if (flag != 1) ByteReader::fail("bad stamp flag");
  Stamp s;
  s.hlc = in.varint("stamp hlc");
  s.site = in.varint("stamp site");
  if (s.hlc == 0) ByteReader::fail("zero stamp");
  return s;
}

}  // namespace

void encodeKeyDelta(std::string& out, const KeyDelta& d, const Stamp& context) {
  storage::putBytes(out, d.table);
  storage::putBytes(out, d.key);
  out.push_back(static_cast<char>(d.replace));
  if (d.replace != Replace::None) putStamp(out, d.replaced, context);
  storage::putVarint(out, d.registers.size());
  for (const auto& [name, reg] : d.registers) {
    storage::putBytes(out, name);
    putStamp(out, reg.stamp, context);
    out.push_back(reg.value ? 1 : 0);
    if (reg.value) storage::encodeValue(out, *reg.value);
  }
}

KeyDelta decodeKeyDelta(ByteReader& in, const Stamp& context) {
  KeyDelta d;
  d.table = std::string(in.bytes("delta table"));
  d.key = std::string(in.bytes("delta key"));
  if (d.table.empty() || d.key.empty()) ByteReader::fail("delta without table or key");
  uint8_t replace = in.byte("delta replace");
  if (replace > static_cast<uint8_t>(Replace::Delete)) ByteReader::fail("bad replace kind");
  d.replace = static_cast<Replace>(replace);
  if (d.replace != Replace::None) d.replaced = readStamp(in, context);
  size_t n = in.count("delta registers", 3);
  for (size_t i = 0; i < n; ++i) {
    std::string name(in.bytes("register name"));
    if (name.empty() || (!d.registers.empty() && !(d.registers.rbegin()->first < name)))
      ByteReader::fail("register names out of order");
    Register r;
    r.stamp = readStamp(in, context);
    if (in.boolean("register has value")) r.value = storage::decodeValue(in);
    d.registers.emplace_hint(d.registers.end(), std::move(name), std::move(r));
  }
  return d;
}

std::string encodeUnit(const Unit& u) {
  std::string out;
  out.push_back(static_cast<char>(kUnitFormatVersion));
  storage::putVarint(out, u.origin);
  storage::putVarint(out, u.hlc);
  storage::putVarint(out, u.previous);
  u.deps.encode(out);
  storage::putVarint(out, u.writes.size());
  for (const KeyDelta& d : u.writes) encodeKeyDelta(out, d, u.stamp());
  return out;
}

Unit decodeUnit(std::string_view bytes) {
  ByteReader in(bytes);
  uint8_t version = in.byte("unit version");
  if (version == 0) ByteReader::fail("unit version 0");
  if (version > kUnitFormatVersion)
    throw storage::DecodeError("sync unit version " + std::to_string(version) + " is newer than this build reads",
                               storage::DecodeFailure::UnsupportedVersion);
  Unit u;
  u.origin = in.varint("unit origin");
  u.hlc = in.varint("unit hlc");
  u.previous = in.varint("unit previous");
  if (u.hlc == 0 || u.previous >= u.hlc) ByteReader::fail("unit stamps out of order");
  u.deps = VersionVector::decode(in);
  size_t n = in.count("unit writes", 4);
  u.writes.reserve(n);
  for (size_t i = 0; i < n; ++i) u.writes.push_back(decodeKeyDelta(in, u.stamp()));
  in.expectEnd("sync unit");
  return u;
}

}  // namespace shoal::sync
