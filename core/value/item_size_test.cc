#include "value/item_size.h"

#include <catch2/catch_test_macros.hpp>

using shoal::AttributeValue;
using shoal::Item;
using shoal::itemSizeBytes;
using shoal::Number;

namespace {
AttributeValue S(std::string s) { return AttributeValue::string(std::move(s)); }
AttributeValue N(const char* n) { return AttributeValue::number(Number::parse(n)); }
}  // namespace

TEST_CASE("strings count UTF-8 bytes, names included") {
  CHECK(itemSizeBytes({}) == 0);
  CHECK(itemSizeBytes({{"id", S("abc")}}) == 5);
  // "é" is two bytes, "€" three, "😀" four.
  CHECK(itemSizeBytes({{"n\xC3\xA9", S("\xE2\x82\xAC\xF0\x9F\x98\x80")}}) == 3 + 7);
}

TEST_CASE("binaries count raw bytes") {
  CHECK(itemSizeBytes({{"b", AttributeValue::binary(std::string("\x00\x01\xFF", 3))}}) == 1 + 3);
}

TEST_CASE("numbers count base-100 digit pairs plus one, negatives one more") {
  CHECK(itemSizeBytes({{"n", N("0")}}) == 2);
  CHECK(itemSizeBytes({{"n", N("27")}}) == 3);
  CHECK(itemSizeBytes({{"n", N("123.45")}}) == 1 + 1 + 3);
  CHECK(itemSizeBytes({{"n", N("-123.45")}}) == 1 + 1 + 3 + 1);
  // A mixed item: names plus values.
  CHECK(itemSizeBytes({{"string", S("string")}, {"number", N("27")},
                       {"buffer", AttributeValue::binary("buffer")}}) == 12 + 8 + 12);
}

TEST_CASE("BOOL and NULL count one byte") {
  CHECK(itemSizeBytes({{"t", AttributeValue::boolean(true)}, {"z", AttributeValue::null()}}) == 4);
}

TEST_CASE("maps and lists: 3 bytes plus 1 per element plus the elements") {
  CHECK(itemSizeBytes({{"m", AttributeValue::map({})}}) == 1 + 3);
  CHECK(itemSizeBytes({{"l", AttributeValue::list({})}}) == 1 + 3);
  CHECK(itemSizeBytes({{"l", AttributeValue::list({S("ab"), N("1"), AttributeValue::null()})}}) ==
        1 + 3 + (1 + 2) + (1 + 2) + (1 + 1));
  CHECK(itemSizeBytes({{"m", AttributeValue::map({{"k", S("v")}, {"key", AttributeValue::boolean(false)}})}}) ==
        1 + 3 + (1 + 1 + 1) + (1 + 3 + 1));
  // Nesting.
  auto inner = AttributeValue::map({{"x", AttributeValue::list({S("y")})}});
  CHECK(itemSizeBytes({{"m", AttributeValue::map({{"i", inner}})}}) ==
        1 + 3 + (1 + 1 + (3 + (1 + 1 + (3 + (1 + 1))))));
}

TEST_CASE("sets count the sum of their members") {
  CHECK(itemSizeBytes({{"ss", AttributeValue::stringSet({"a", "bcd"})}}) == 2 + 4);
  CHECK(itemSizeBytes({{"bs", AttributeValue::binarySet({"ab", "c"})}}) == 2 + 3);
  CHECK(itemSizeBytes({{"ns", AttributeValue::numberSet({Number::parse("1"), Number::parse("-123")})}}) ==
        2 + 2 + 4);
}

TEST_CASE("the 400 KB limit arithmetic: a 409,599-byte string under a one-byte name fills an item") {
  Item item{{"a", S(std::string(400 * 1024 - 1, 'x'))}};
  CHECK(itemSizeBytes(item) == 400 * 1024);
}
