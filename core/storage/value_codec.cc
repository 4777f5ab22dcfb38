#include "storage/value_codec.h"

#include <tuple>
#include <utility>

#include "api/error.h"
#include "api/limits.h"
#include "storage/value_format.h"
#include "value/item_size.h"

namespace shoal::storage {
namespace {

// --- values ---------------------------------------------------------------------------------

void putTag(std::string& out, ValueTag tag) { out.push_back(static_cast<char>(tag)); }

AttributeValue decodeValueAt(ByteReader& in, int depth);

std::vector<std::string> decodeByteStrings(ByteReader& in, const char* what) {
  size_t n = in.count(what);
  std::vector<std::string> items;
  items.reserve(n);
  for (size_t i = 0; i < n; ++i) items.emplace_back(in.bytes(what));
  return items;
}

Map decodeMap(ByteReader& in, int depth) {
  size_t n = in.count("map size", 2);
  Map map;
  for (size_t i = 0; i < n; ++i) {
    std::string_view name = in.bytes("map key");
    // The encoder walks a std::map, so names arrive strictly increasing; anything else (a
    // duplicate in particular) did not come from an encoder.
    if (!map.empty() && !(map.rbegin()->first < name)) ByteReader::fail("map keys out of order");
    map.emplace_hint(map.end(), std::string(name), decodeValueAt(in, depth + 1));
  }
  return map;
}

AttributeValue decodeValueAt(ByteReader& in, int depth) {
  if (depth > limits::kMaxStoredNestingDepth) ByteReader::fail("value nested too deeply");
  uint8_t tag = in.byte("value tag");
  switch (static_cast<ValueTag>(tag)) {
    case ValueTag::S: return AttributeValue::string(std::string(in.bytes("string")));
    case ValueTag::N: return AttributeValue::number(decodeNumber(in));
    case ValueTag::B: return AttributeValue::binary(std::string(in.bytes("binary")));
    case ValueTag::False: return AttributeValue::boolean(false);
    case ValueTag::True: return AttributeValue::boolean(true);
    case ValueTag::Null: return AttributeValue::null();
    case ValueTag::M: return AttributeValue::map(decodeMap(in, depth));
    case ValueTag::L: {
      size_t n = in.count("list size");
      List list;
      list.reserve(n);
      for (size_t i = 0; i < n; ++i) list.push_back(decodeValueAt(in, depth + 1));
      return AttributeValue::list(std::move(list));
    }
    // Sets go through the factories, which sort and de-duplicate: the encoder always writes
    // them canonical, and being lenient here costs nothing and can never refuse a good file.
    case ValueTag::SS: return AttributeValue::stringSet(decodeByteStrings(in, "string set"));
    case ValueTag::BS: return AttributeValue::binarySet(decodeByteStrings(in, "binary set"));
    case ValueTag::NS: {
      size_t n = in.count("number set", 3);
      std::vector<Number> items;
      items.reserve(n);
      for (size_t i = 0; i < n; ++i) items.push_back(decodeNumber(in));
      return AttributeValue::numberSet(std::move(items));
    }
  }
  ByteReader::fail("unknown value tag " + std::to_string(tag));
}

}  // namespace

// --- numbers: sign byte, exponent, digit count, two digits per byte ----------------------------

void encodeNumber(std::string& out, const Number& number) {
  const std::string& digits = number.digits();
  out.push_back(static_cast<char>(number.isNegative() ? kNumberNegative : 0));
  putSignedVarint(out, number.exponent());
  putVarint(out, digits.size());
  for (size_t i = 0; i < digits.size(); i += 2) {
    uint8_t hi = static_cast<uint8_t>(digits[i] - '0');
    uint8_t lo = i + 1 < digits.size() ? static_cast<uint8_t>(digits[i + 1] - '0') : 0;
    out.push_back(static_cast<char>(hi << 4 | lo));
  }
}

Number decodeNumber(ByteReader& in) {
  uint8_t flags = in.byte("number sign");
  if (flags & ~kNumberNegative) ByteReader::fail("bad number flags");
  int64_t exponent = in.signedVarint("number exponent");
  uint64_t count = in.varint("number digits");
  if (count > static_cast<uint64_t>(limits::kNumberMaxDigits)) ByteReader::fail("number has too many digits");
  std::string_view packed = in.raw((count + 1) / 2, "number digits");
  char digits[limits::kNumberMaxDigits + 1];
  for (size_t i = 0; i < count; ++i) {
    uint8_t nibble = static_cast<uint8_t>(packed[i / 2]);
    nibble = i % 2 ? nibble & 0x0F : nibble >> 4;
    if (nibble > 9) ByteReader::fail("bad number digit");
    digits[i] = static_cast<char>('0' + nibble);
  }
  try {
    return Number::fromParts(flags & kNumberNegative, std::string_view(digits, count), exponent);
  } catch (const ApiError&) {
    ByteReader::fail("number out of range");
  }
}

// --- values -------------------------------------------------------------------------------------

void encodeValue(std::string& out, const AttributeValue& value) {
  switch (value.type()) {
    case Type::S:
      putTag(out, ValueTag::S);
      putBytes(out, value.asString());
      return;
    case Type::N:
      putTag(out, ValueTag::N);
      encodeNumber(out, value.asNumber());
      return;
    case Type::B:
      putTag(out, ValueTag::B);
      putBytes(out, value.asBinary());
      return;
    case Type::BOOL: putTag(out, value.asBool() ? ValueTag::True : ValueTag::False); return;
    case Type::NUL: putTag(out, ValueTag::Null); return;
    case Type::M:
      putTag(out, ValueTag::M);
      putVarint(out, value.asMap().size());
      for (const auto& [name, child] : value.asMap()) {
        putBytes(out, name);
        encodeValue(out, child);
      }
      return;
    case Type::L:
      putTag(out, ValueTag::L);
      putVarint(out, value.asList().size());
      for (const auto& child : value.asList()) encodeValue(out, child);
      return;
    case Type::SS:
      putTag(out, ValueTag::SS);
      putVarint(out, value.asStringSet().size());
      for (const auto& s : value.asStringSet()) putBytes(out, s);
      return;
    case Type::NS:
      putTag(out, ValueTag::NS);
      putVarint(out, value.asNumberSet().size());
      for (const auto& n : value.asNumberSet()) encodeNumber(out, n);
      return;
    case Type::BS:
      putTag(out, ValueTag::BS);
      putVarint(out, value.asBinarySet().size());
      for (const auto& b : value.asBinarySet()) putBytes(out, b);
      return;
  }
}

AttributeValue decodeValue(ByteReader& in) { return decodeValueAt(in, 1); }

// --- stored items -------------------------------------------------------------------------------

void encodeStoredItem(std::string& out, const StoredItem& item) {
  putVarint(out, item.attributes.size());
  const Stamp* previous = nullptr;
  for (const auto& [name, attr] : item.attributes) {
    if (previous && *previous == attr.stamp) {
      out.push_back(static_cast<char>(StampTag::Same));
    } else {
      out.push_back(static_cast<char>(StampTag::New));
      putVarint(out, attr.stamp.hlc);
      putVarint(out, attr.stamp.site);
    }
    previous = &attr.stamp;
    putBytes(out, name);
    encodeValue(out, attr.value);
  }
}

std::string encodeStoredItem(const StoredItem& item) {
  std::string out;
  encodeStoredItem(out, item);
  return out;
}

StoredItem decodeStoredItem(ByteReader& in) {
  size_t n = in.count("attribute count", 3);
  StoredItem item;
  Stamp stamp;
  std::string_view previous;  // the last name, kept in its node
  for (size_t i = 0; i < n; ++i) {
    uint8_t tag = in.byte("stamp tag");
    if (tag == static_cast<uint8_t>(StampTag::New)) {
      stamp.hlc = in.varint("stamp hlc");
      stamp.site = in.varint("stamp site");
    } else if (tag != static_cast<uint8_t>(StampTag::Same) || i == 0) {
      ByteReader::fail("bad stamp tag");
    }
    std::string_view name = in.bytes("attribute name");
    if (i > 0 && !(previous < name)) ByteReader::fail("attributes out of order");
    // Built in place in the map's node: no temporary StoredAttribute to move and destroy.
    auto it = item.attributes.emplace_hint(item.attributes.end(), std::piecewise_construct,
                                           std::forward_as_tuple(name), std::forward_as_tuple());
    it->second.value = decodeValue(in);
    it->second.stamp = stamp;
    previous = it->first;
    item.sizeBytes += it->first.size() + valueSizeBytes(it->second.value);
  }
  return item;
}

}  // namespace shoal::storage
