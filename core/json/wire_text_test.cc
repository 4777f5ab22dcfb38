// wire_text.h must write exactly what RapidJSON's Writer writes: compared here against a Writer
// walking the same values, over every type, every byte value in strings, and nesting.
#include <catch2/catch_test_macros.hpp>

#include <random>

#include "json/base64.h"
#include "json/json.h"
#include "json/wire_text.h"
#include "json/wire_value.h"

namespace shoal {
namespace {

void writerValue(JsonWriter& w, const AttributeValue& v);

void writerMap(JsonWriter& w, const Map& m) {
  w.StartObject();
  for (const auto& [name, value] : m) {
    writeKey(w, name);
    writerValue(w, value);
  }
  w.EndObject();
}

// The Writer-only reference: one Writer call per token.
void writerValue(JsonWriter& w, const AttributeValue& v) {
  w.StartObject();
  writeKey(w, typeName(v.type()));
  switch (v.type()) {
    case Type::S: writeString(w, v.asString()); break;
    case Type::N: writeString(w, v.asNumber().toString()); break;
    case Type::B: writeString(w, base64Encode(v.asBinary())); break;
    case Type::BOOL: w.Bool(v.asBool()); break;
    case Type::NUL: w.Bool(true); break;
    case Type::M: writerMap(w, v.asMap()); break;
    case Type::L:
      w.StartArray();
      for (const auto& e : v.asList()) writerValue(w, e);
      w.EndArray();
      break;
    case Type::SS:
      w.StartArray();
      for (const auto& e : v.asStringSet()) writeString(w, e);
      w.EndArray();
      break;
    case Type::NS:
      w.StartArray();
      for (const auto& e : v.asNumberSet()) writeString(w, e.toString());
      w.EndArray();
      break;
    case Type::BS:
      w.StartArray();
      for (const auto& e : v.asBinarySet()) writeString(w, base64Encode(e));
      w.EndArray();
      break;
  }
  w.EndObject();
}

std::string referenceOf(const Item& item) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  writerMap(w, item);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string textOf(const Item& item) {
  JsonBuffer buf;
  appendAttributeMapJson(buf, item);
  return std::string(buf.GetString(), buf.GetSize());
}

std::string randomBytes(std::mt19937& rng, size_t n) {
  std::string s;
  for (size_t i = 0; i < n; ++i) s += static_cast<char>(rng() % 256);
  return s;
}

AttributeValue randomValue(std::mt19937& rng, int depth) {
  switch (rng() % (depth > 2 ? 7 : 10)) {
    case 0: return AttributeValue::string(randomBytes(rng, rng() % 40));
    case 1: {
      int whole = static_cast<int>(rng() % 2000000) - 1000000;
      return AttributeValue::number(Number::parse(std::to_string(whole) + ".25"));
    }
    case 2: return AttributeValue::binary(randomBytes(rng, rng() % 9));
    case 3: return AttributeValue::boolean(rng() % 2);
    case 4: return AttributeValue::null();
    case 5: return AttributeValue::stringSet({randomBytes(rng, 1 + rng() % 5), randomBytes(rng, 1 + rng() % 5)});
    case 6: return AttributeValue::numberSet({Number::parse("1e3"), Number::parse("-0.5")});
    case 7: return AttributeValue::binarySet({randomBytes(rng, 3), randomBytes(rng, 4)});
    case 8: {
      Map m;
      for (int i = rng() % 4; i > 0; --i) m[randomBytes(rng, 1 + rng() % 4)] = randomValue(rng, depth + 1);
      return AttributeValue::map(std::move(m));
    }
    default: {
      List l;
      for (int i = rng() % 4; i > 0; --i) l.push_back(randomValue(rng, depth + 1));
      return AttributeValue::list(std::move(l));
    }
  }
}

}  // namespace

TEST_CASE("wire text: every byte value in a string is written as RapidJSON's Writer writes it", "[json][wire_text]") {
  for (int c = 0; c < 256; ++c) {
    std::string byte(1, static_cast<char>(c));
    Item item{{"k" + byte, AttributeValue::string("a" + byte + "b")}};
    CHECK(textOf(item) == referenceOf(item));
  }
  // Long strings take the 8-bytes-at-a-time path, with escapes in every position of a word.
  for (size_t at = 0; at < 24; ++at) {
    std::string s(24, 'x');
    s[at] = '\n';
    Item item{{"k", AttributeValue::string(s + "\"" + s)}};
    CHECK(textOf(item) == referenceOf(item));
  }
  JsonBuffer buf;
  appendJsonString(buf, "tab\there \"quoted\" back\\slash \x01\x1f\x7f caf\xc3\xa9");
  std::string text(buf.GetString(), buf.GetSize());
  CHECK(text == "\"tab\\there \\\"quoted\\\" back\\\\slash \\u0001\\u001F\x7f caf\xc3\xa9\"");
}

TEST_CASE("wire text: random items of every type match the Writer, directly and through writeAttributeMap",
          "[json][wire_text]") {
  std::mt19937 rng(20261125);
  for (int round = 0; round < 500; ++round) {
    Item item;
    for (int i = 1 + rng() % 6; i > 0; --i) item[randomBytes(rng, 1 + rng() % 20)] = randomValue(rng, 0);
    std::string direct = textOf(item);
    REQUIRE(direct == referenceOf(item));

    // Inside a larger document, the Writer still places the separators.
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    w.StartArray();
    writeAttributeMap(w, item);
    writeAttributeMap(w, item);
    w.EndArray();
    REQUIRE(std::string(buf.GetString(), buf.GetSize()) == "[" + direct + "," + direct + "]");
  }
}

}  // namespace shoal
