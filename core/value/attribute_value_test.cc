#include "value/attribute_value.h"

#include <catch2/catch_test_macros.hpp>

using shoal::AttributeValue;
using shoal::List;
using shoal::Map;
using shoal::Number;
using shoal::Type;
using shoal::typeName;

TEST_CASE("typeName gives DynamoDB's type descriptors") {
  CHECK(std::string(typeName(Type::S)) == "S");
  CHECK(std::string(typeName(Type::N)) == "N");
  CHECK(std::string(typeName(Type::B)) == "B");
  CHECK(std::string(typeName(Type::BOOL)) == "BOOL");
  CHECK(std::string(typeName(Type::NUL)) == "NULL");
  CHECK(std::string(typeName(Type::M)) == "M");
  CHECK(std::string(typeName(Type::L)) == "L");
  CHECK(std::string(typeName(Type::SS)) == "SS");
  CHECK(std::string(typeName(Type::NS)) == "NS");
  CHECK(std::string(typeName(Type::BS)) == "BS");
}

TEST_CASE("factories produce the matching type") {
  CHECK(AttributeValue::string("a").type() == Type::S);
  CHECK(AttributeValue::number(Number::parse("1")).type() == Type::N);
  CHECK(AttributeValue::binary("a").type() == Type::B);
  CHECK(AttributeValue::boolean(false).type() == Type::BOOL);
  CHECK(AttributeValue::null().type() == Type::NUL);
  CHECK(AttributeValue().type() == Type::NUL);
  CHECK(AttributeValue::map({}).type() == Type::M);
  CHECK(AttributeValue::list({}).type() == Type::L);
  CHECK(AttributeValue::stringSet({"a"}).type() == Type::SS);
  CHECK(AttributeValue::numberSet({Number()}).type() == Type::NS);
  CHECK(AttributeValue::binarySet({"a"}).type() == Type::BS);
  // A string and a binary with the same bytes are different values.
  CHECK(AttributeValue::string("a") != AttributeValue::binary("a"));
}

TEST_CASE("string and binary sets sort by unsigned bytes and drop duplicates") {
  auto ss = AttributeValue::stringSet({"b", "a", "b", "\xC3\xA9", "B", "ab"});
  CHECK(ss.asStringSet() == std::vector<std::string>{"B", "a", "ab", "b", "\xC3\xA9"});
  auto bs = AttributeValue::binarySet({std::string("\xFF", 1), std::string("\x00", 1), std::string("\x7F", 1),
                                       std::string("\x00", 1), std::string("\x80", 1)});
  CHECK(bs.asBinarySet() == std::vector<std::string>{std::string("\x00", 1), std::string("\x7F", 1),
                                                     std::string("\x80", 1), std::string("\xFF", 1)});
  // Order of input does not matter for equality.
  CHECK(AttributeValue::stringSet({"x", "y"}) == AttributeValue::stringSet({"y", "x", "y"}));
}

TEST_CASE("number sets sort by value and drop numerically equal members") {
  auto ns = AttributeValue::numberSet({Number::parse("10"), Number::parse("9"), Number::parse("-1"),
                                       Number::parse("1e1"), Number::parse("0.5"), Number::parse("10.0")});
  std::vector<std::string> text;
  for (const auto& n : ns.asNumberSet()) text.push_back(n.toString());
  CHECK(text == std::vector<std::string>{"-1", "0.5", "9", "10"});
}

TEST_CASE("maps and lists compare member-wise") {
  Map m1{{"a", AttributeValue::number(Number::parse("1.0"))}, {"b", AttributeValue::list({AttributeValue::null()})}};
  Map m2{{"b", AttributeValue::list({AttributeValue::null()})}, {"a", AttributeValue::number(Number::parse("1"))}};
  CHECK(AttributeValue::map(m1) == AttributeValue::map(m2));
  m2["c"] = AttributeValue::boolean(true);
  CHECK(AttributeValue::map(m1) != AttributeValue::map(m2));
  CHECK(AttributeValue::list({AttributeValue::string("a"), AttributeValue::string("b")}) !=
        AttributeValue::list({AttributeValue::string("b"), AttributeValue::string("a")}));
}

TEST_CASE("AttributeValue::sizeBytes is the value's size without a name") {
  CHECK(AttributeValue::string("hello").sizeBytes() == 5);
  CHECK(AttributeValue::number(Number::parse("27")).sizeBytes() == 2);
  CHECK(AttributeValue::boolean(true).sizeBytes() == 1);
  CHECK(AttributeValue::map({}).sizeBytes() == 3);
}
