// What peers exchange: units. A unit is one local commit (a PutItem, an UpdateItem, a
// DeleteItem, a transaction, a batch, a TTL sweep), everything it wrote, stamped once with
// (hybrid-clock time, origin site). Peers apply a unit whole or not at all, so a transaction
// stays a transaction on every peer. The rules that merge it are in key_state.h and SYNC.md.
#pragma once
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "storage/coding.h"
#include "sync/version_vector.h"
#include "table/stamp.h"
#include "value/attribute_value.h"

namespace shoal::sync {

// One non-key attribute's last write: a value, or its removal (an attribute tombstone).
struct Register {
  Stamp stamp;
  std::optional<AttributeValue> value;  // nullopt: removed

  bool operator==(const Register& o) const { return stamp == o.stamp && value == o.value; }
};
using Registers = std::map<std::string, Register>;

// How a write replaced the whole item, if it did.
enum class Replace : uint8_t { None = 0, Put = 1, Delete = 2 };

// Everything one unit (or one page of a state transfer) says about one item.
struct KeyDelta {
  std::string table;
  std::string key;                 // the encoded primary key (value/key_encoding.h)
  Replace replace = Replace::None;
  Stamp replaced;                  // with Put or Delete: its stamp
  Registers registers;             // non-key attributes set or removed

  bool operator==(const KeyDelta& o) const {
    return table == o.table && key == o.key && replace == o.replace && replaced == o.replaced &&
           registers == o.registers;
  }
};

struct Unit {
  uint64_t origin = 0;    // the site that made the commit
  uint64_t hlc = 0;       // its hybrid-clock time; (hlc, origin) is every stamp in the unit
  uint64_t previous = 0;  // hlc of the origin's unit before this one (0: its first)
  // What the origin had applied when it made the unit (its own entry left out): tells a
  // receiver whether the origin had seen a value it overwrites (conflicts, see conflict.h).
  VersionVector deps;
  std::vector<KeyDelta> writes;

  Stamp stamp() const { return Stamp{hlc, origin}; }
};

// The unit format's version: the first byte of every encoded unit. Never reused.
inline constexpr uint8_t kUnitFormatVersion = 1;

std::string encodeUnit(const Unit& unit);
// Throws storage::DecodeError (Corrupt, or UnsupportedVersion for a newer format).
Unit decodeUnit(std::string_view bytes);

// A KeyDelta on its own (state transfer pages). Stamps equal to `context` are written as one
// byte; pass a zero stamp when there is none.
void encodeKeyDelta(std::string& out, const KeyDelta& delta, const Stamp& context);
KeyDelta decodeKeyDelta(storage::ByteReader& in, const Stamp& context);

}  // namespace shoal::sync
