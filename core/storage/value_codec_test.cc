#include "storage/value_codec.h"

#include <catch2/catch_test_macros.hpp>

#include <random>

#include "api/limits.h"
#include "storage/value_format.h"

using namespace shoal;
using namespace shoal::storage;

namespace {

std::string encode(const AttributeValue& v) {
  std::string out;
  encodeValue(out, v);
  return out;
}

AttributeValue decode(std::string_view bytes) {
  ByteReader in(bytes);
  AttributeValue v = decodeValue(in);
  in.expectEnd("value");
  return v;
}

AttributeValue roundTrip(const AttributeValue& v) {
  std::string bytes = encode(v);
  AttributeValue back = decode(bytes);
  CHECK(encode(back) == bytes);
  return back;
}

Number num(const char* text) { return Number::parse(text); }

AttributeValue sample() {
  Map inner{{"deep", AttributeValue::list({AttributeValue::null(), AttributeValue::boolean(false),
                                            AttributeValue::numberSet({num("1"), num("-2.5")})})}};
  return AttributeValue::map({
      {"s", AttributeValue::string("h\xC3\xA9llo\0x")},
      {"n", AttributeValue::number(num("-123.456e7"))},
      {"b", AttributeValue::binary(std::string("\0\x01\xFF", 3))},
      {"t", AttributeValue::boolean(true)},
      {"f", AttributeValue::boolean(false)},
      {"z", AttributeValue::null()},
      {"l", AttributeValue::list({AttributeValue::string(""), AttributeValue::map(inner), AttributeValue::list({})})},
      {"ss", AttributeValue::stringSet({"b", "a", "\xFF"})},
      {"ns", AttributeValue::numberSet({num("10"), num("0.001"), num("-7")})},
      {"bs", AttributeValue::binarySet({std::string("\x00", 1), "\x80"})},
      {"", AttributeValue::map({})},
  });
}

}  // namespace

TEST_CASE("Every one of the ten types round-trips", "[storage][codec]") {
  std::vector<AttributeValue> values = {
      AttributeValue::string(""),
      AttributeValue::string(std::string(70000, 'x')),
      AttributeValue::number(Number()),
      AttributeValue::number(num("1")),
      AttributeValue::number(num("-1")),
      AttributeValue::number(num("12345678901234567890123456789012345678")),
      AttributeValue::number(num("-0.00000000000000000000000000000000000001")),
      AttributeValue::number(num("1E-130")),
      AttributeValue::number(num("9.9999999999999999999999999999999999999E+125")),
      AttributeValue::binary(""),
      AttributeValue::binary(std::string("\0\0\0", 3)),
      AttributeValue::boolean(true),
      AttributeValue::boolean(false),
      AttributeValue::null(),
      AttributeValue::map({}),
      AttributeValue::list({}),
      AttributeValue::stringSet({"one"}),
      AttributeValue::numberSet({num("3"), num("1"), num("2")}),
      AttributeValue::binarySet({"x", "y"}),
      sample(),
  };
  for (const auto& v : values) {
    INFO(typeName(v.type()));
    CHECK(roundTrip(v) == v);
  }
}

TEST_CASE("Nested values round-trip up to the stored nesting limit", "[storage][codec]") {
  AttributeValue v = AttributeValue::string("leaf");
  for (int depth = 1; depth < limits::kMaxStoredNestingDepth; ++depth)
    v = depth % 2 ? AttributeValue::list({v, AttributeValue::null()}) : AttributeValue::map({{"k", v}});
  CHECK(roundTrip(v) == v);

  AttributeValue tooDeep = AttributeValue::list({v});
  CHECK_THROWS_AS(decode(encode(tooDeep)), DecodeError);
}

TEST_CASE("Hand-made deep nesting is refused without recursing", "[storage][codec]") {
  std::string bytes;
  for (int i = 0; i < 1'000'000; ++i) {
    bytes.push_back(static_cast<char>(ValueTag::L));
    bytes.push_back(1);
  }
  CHECK_THROWS_AS(decode(bytes), DecodeError);
}

TEST_CASE("Numbers pack two digits per byte", "[storage][codec]") {
  // tag, sign, exponent, digit count, 19 bytes of digits
  CHECK(encode(AttributeValue::number(num("12345678901234567890123456789012345678"))).size() == 1 + 1 + 1 + 1 + 19);
  CHECK(encode(AttributeValue::number(Number())).size() == 4);
}

TEST_CASE("Encoding is deterministic", "[storage][codec]") {
  CHECK(encode(sample()) == encode(sample()));
  CHECK(encode(AttributeValue::stringSet({"b", "a"})) == encode(AttributeValue::stringSet({"a", "b", "a"})));
}

TEST_CASE("Stored items keep per-attribute stamps and recompute their size", "[storage][codec]") {
  Item item = sample().asMap();
  StoredItem stored = StoredItem::fromItem(item, Stamp{7 << 16, 3});
  stored.attributes.at("n").stamp = Stamp{(uint64_t(1) << 62) + 5, ~uint64_t(0)};
  stored.attributes.at("z").stamp = Stamp{1, 0};
  std::string bytes = encodeStoredItem(stored);
  ByteReader in(bytes);
  StoredItem back = decodeStoredItem(in);
  CHECK(in.atEnd());
  CHECK(back.sizeBytes == stored.sizeBytes);
  CHECK(back.attributes.size() == stored.attributes.size());
  for (const auto& [name, attr] : stored.attributes) {
    INFO(name);
    CHECK(back.attributes.at(name).value == attr.value);
    CHECK(back.attributes.at(name).stamp == attr.stamp);
  }
  CHECK(encodeStoredItem(back) == bytes);

  // One write, one stamp: only the first attribute spells it out.
  StoredItem plain = StoredItem::fromItem(item, Stamp{7 << 16, 3});
  CHECK(encodeStoredItem(plain).size() < bytes.size());
}

TEST_CASE("Every truncation of an encoded value is refused", "[storage][codec]") {
  std::string bytes = encode(sample());
  for (size_t n = 0; n < bytes.size(); ++n) {
    INFO(n);
    CHECK_THROWS_AS(decode(std::string_view(bytes).substr(0, n)), DecodeError);
  }
  CHECK_THROWS_AS(decode(bytes + "x"), DecodeError);
}

TEST_CASE("Malformed values are refused", "[storage][codec]") {
  CHECK_THROWS_AS(decode("\x00"), DecodeError);                          // tag 0
  CHECK_THROWS_AS(decode("\x0C"), DecodeError);                          // unknown tag
  CHECK_THROWS_AS(decode(std::string("\x02\x02\x00\x01\x10", 5)), DecodeError);  // bad flags
  CHECK_THROWS_AS(decode(std::string("\x02\x00\x00\x01\xA0", 5)), DecodeError);  // digit 10
  CHECK_THROWS_AS(decode(std::string("\x02\x00\x00\x27") + std::string(20, '\x11')), DecodeError);  // 39 digits
  CHECK_THROWS_AS(decode(std::string("\x02\x00\xFE\x03\x01\x10", 6)), DecodeError);  // 1E+255: overflow
  CHECK_THROWS_AS(decode(std::string("\x01\xFF\xFF\xFF\xFF\x0F", 6)), DecodeError);  // string longer than input
  CHECK_THROWS_AS(decode(std::string("\x08\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x01", 11)), DecodeError);  // count
  CHECK_THROWS_AS(decode(std::string("\x08\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF\x7F", 11)), DecodeError);  // varint overflow
  // Map keys out of order, and duplicated.
  CHECK_THROWS_AS(decode(std::string("\x07\x02\x01" "b\x06\x01" "a\x06", 8)), DecodeError);
  CHECK_THROWS_AS(decode(std::string("\x07\x02\x01" "a\x06\x01" "a\x06", 8)), DecodeError);
  CHECK(decode(std::string("\x07\x02\x01" "a\x06\x01" "b\x06", 8)).asMap().size() == 2);
}

TEST_CASE("Random bytes never crash the decoders", "[storage][codec]") {
  std::mt19937 rng(42);
  std::string good = encode(sample());
  std::string goodItem = encodeStoredItem(StoredItem::fromItem(sample().asMap(), Stamp{1, 2}));
  for (int round = 0; round < 20000; ++round) {
    std::string bytes = round % 2 ? good : goodItem;
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int f = 0; f < flips; ++f) bytes[rng() % bytes.size()] ^= static_cast<char>(1 + rng() % 255);
    if (round % 7 == 0) bytes.resize(rng() % bytes.size());
    try {
      ByteReader in(bytes);
      if (round % 2) {
        decodeValue(in);
      } else {
        decodeStoredItem(in);
      }
    } catch (const DecodeError&) {
    }
  }
  SUCCEED();
}
