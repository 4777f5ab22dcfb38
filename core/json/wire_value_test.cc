#include <catch2/catch_test_macros.hpp>

#include "api/error.h"
#include "json/wire_value.h"

using namespace shoal;

namespace {

AttributeValue parse(const std::string& text) {
  JsonDocument doc;
  parseJsonObject(text, doc);
  return parseAttributeValue(doc);
}

std::string write(const AttributeValue& v) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  writeAttributeValue(w, v);
  return buf.GetString();
}

std::string errorType(const std::string& text) {
  try {
    parse(text);
  } catch (const ApiError& e) {
    return e.type();
  }
  return "none";
}

std::string errorMessage(const std::string& text) {
  try {
    parse(text);
  } catch (const ApiError& e) {
    return e.what();
  }
  return "none";
}

}  // namespace

TEST_CASE("every type round-trips through wire JSON", "[json]") {
  for (const char* text : {R"({"S":"héllo"})", R"({"N":"-12.5"})", R"({"B":"AAEC/w=="})", R"({"BOOL":false})",
                           R"({"NULL":true})", R"({"M":{"a":{"S":"x"},"b":{"L":[{"N":"1"},{"NULL":true}]}}})",
                           R"({"SS":["a","b"]})", R"({"NS":["-1","2.5"]})", R"({"BS":["AA==","AQ=="]})"}) {
    CHECK(write(parse(text)) == text);
  }
}

TEST_CASE("numbers come back normalised and sets sorted", "[json]") {
  CHECK(write(parse(R"({"N":"-12.50"})")) == R"({"N":"-12.5"})");
  CHECK(write(parse(R"({"N":"1e2"})")) == R"({"N":"100"})");
  CHECK(write(parse(R"({"NS":["10","9","-1"]})")) == R"({"NS":["-1","9","10"]})");
  CHECK(write(parse(R"({"SS":["b","a"]})")) == R"({"SS":["a","b"]})");
}

TEST_CASE("malformed and mistyped input gets DynamoDB's error types", "[json]") {
  CHECK(errorType(R"({"S":)") == "SerializationException");
  CHECK(errorType("[1]") == "SerializationException");
  CHECK(errorType("{\"S\":\"\xff\"}") == "SerializationException");  // invalid UTF-8
  CHECK(errorType(R"({"S":5})") == "SerializationException");
  CHECK(errorMessage(R"({"S":5})") == "NUMBER_VALUE cannot be converted to String");
  CHECK(errorType(R"({"BOOL":"yes"})") == "SerializationException");
  CHECK(errorType(R"({"L":{}})") == "SerializationException");
  CHECK(errorType(R"({"M":[]})") == "SerializationException");
  CHECK(errorType(R"({"B":"abc"})") == "SerializationException");
  CHECK(errorType(R"({"N":"abc"})") == "ValidationException");
  CHECK(errorType(R"({"N":"123456789012345678901234567890123456789"})") == "ValidationException");
}

// Found by fuzz/fuzz_wire_json (corpus: fuzz/corpus/fuzz_wire_json/crash-lone-low-surrogate):
// RapidJSON 1.1.0 decoded a lone low surrogate escape into bytes that are not UTF-8, which the
// engine then stored and wrote back in responses.
TEST_CASE("a lone low surrogate escape is malformed JSON; pairs and escaped backslashes are not", "[json]") {
  CHECK(errorType(R"({"S":"\udc00"})") == "SerializationException");
  CHECK(errorMessage(R"({"S":"x\\ud83d\ude00"})") ==
        "Malformed JSON: The surrogate pair in string is invalid. at offset 14");
  CHECK(errorType("{\"S\":\"\xc3\xa9\\udfff\"}") == "SerializationException");  // non-ASCII text too
  CHECK(errorType(R"({"S":"\ud83d"})") == "SerializationException");               // a lone high one
  CHECK(parse(R"({"S":"\ud83d\ude00"})") == AttributeValue::string("\xf0\x9f\x98\x80"));
  CHECK(parse(R"({"S":"\\udc00"})") == AttributeValue::string("\\udc00"));  // a backslash, then text
  CHECK(parse(R"({"S":"\u00e9\n"})") == AttributeValue::string("\xc3\xa9\n"));
}

TEST_CASE("empty, ambiguous and invalid values are ValidationExceptions", "[json]") {
  CHECK(errorMessage("{}") ==
        "One or more parameter values were invalid: Supplied AttributeValue is empty, must contain exactly one of the "
        "supported datatypes");
  CHECK(errorMessage(R"({"S":"a","N":"1"})").find("more than one datatypes") != std::string::npos);
  CHECK(errorMessage(R"({"SS":[]})") == "One or more parameter values were invalid: An string set  may not be empty");
  CHECK(errorMessage(R"({"NS":[]})") == "One or more parameter values were invalid: An number set  may not be empty");
  CHECK(errorMessage(R"({"SS":["a","a"]})") ==
        "One or more parameter values were invalid: Input collection [a, a] contains duplicates.");
  CHECK(errorType(R"({"NS":["1","1.0"]})") == "ValidationException");  // equal numbers are duplicates
  CHECK(errorMessage(R"({"NULL":false})") ==
        "One or more parameter values were invalid: Null attribute value types must have the value of true");
}

TEST_CASE("nesting deeper than 32 levels is refused, and deep JSON cannot crash", "[json]") {
  std::string ok, tooDeep;
  for (int i = 0; i < 31; ++i) ok += R"({"L":[)";
  ok += R"({"S":"x"})";
  for (int i = 0; i < 31; ++i) ok += "]}";
  CHECK(errorType(ok) == "none");
  tooDeep = R"({"L":[)" + ok + "]}";
  CHECK(errorMessage(tooDeep) == "Nesting Levels have exceeded supported limits");
  std::string huge(200000, '[');
  CHECK(errorType(huge) == "SerializationException");
}
