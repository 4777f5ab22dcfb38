// The wire JSON layer: parseJsonObject (strict UTF-8, iterative), RequestReader's typed
// members, and DynamoDB JSON <-> AttributeValue (json/wire_value.h).
//
// Input: any bytes, read as a request body.
//
// Properties:
//   - every refusal is an ApiError of type SerializationException or ValidationException;
//   - every member of the object, read as each JSON type RequestReader offers, either reads or
//     is refused that way;
//   - an attribute value or map that parses writes back as JSON that parses to the same value
//     and writes the same bytes again (the engine answers in the form it accepts).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "api/error.h"
#include "fuzz_support.h"
#include "json/json.h"
#include "json/request_reader.h"
#include "json/wire_value.h"

using namespace shoal;

namespace {

template <typename F>
bool refusedAsInput(F&& f, std::string_view input) {
  try {
    f();
    return false;
  } catch (const ApiError& e) {
    fuzz::check(e.type() == "SerializationException" || e.type() == "ValidationException",
                "unexpected " + e.type() + ": " + e.what(), input);
    return true;
  } catch (const std::exception& e) {
    fuzz::fail(std::string("exception escaped: ") + e.what(), input);
  }
}

std::string written(const AttributeValue& v) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  writeAttributeValue(w, v);
  return std::string(buf.GetString(), buf.GetSize());
}

void roundTrip(const AttributeValue& v, std::string_view input) {
  std::string once = written(v);
  JsonDocument doc;
  fuzz::check(fuzz::isValidJson(once, doc), "written value is not valid JSON", once);
  AttributeValue again;
  bool refused = refusedAsInput([&] { again = parseAttributeValue(doc); }, once);
  fuzz::check(!refused, "written value does not parse back", once);
  fuzz::check(again == v, "value changed in a round trip", once);
  fuzz::check(written(again) == once, "second write differs", once);
}

void readMember(const RequestReader& reader, const char* name, const JsonValue& value, std::string_view input) {
  refusedAsInput([&] { reader.string(name); }, input);
  refusedAsInput([&] { reader.integer(name); }, input);
  refusedAsInput([&] { reader.boolean(name); }, input);
  refusedAsInput([&] { reader.object(name); }, input);
  refusedAsInput([&] { reader.array(name); }, input);
  AttributeValue v;
  if (!refusedAsInput([&] { v = parseAttributeValue(value); }, input)) roundTrip(v, input);
  Item item;
  if (!refusedAsInput([&] { item = parseAttributeMap(value); }, input)) roundTrip(AttributeValue::map(item), input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  JsonDocument doc;
  if (refusedAsInput([&] { parseJsonObject(input, doc); }, input)) return 0;
  RequestReader reader(doc);
  readMember(reader, "", doc, input);
  for (auto it = doc.MemberBegin(); it != doc.MemberEnd(); ++it) {
    // RequestReader looks members up by C string: a name with a NUL inside cannot be asked for.
    std::string name(viewOf(it->name));
    if (name.find('\0') != std::string::npos) continue;
    readMember(reader, name.c_str(), it->value, input);
  }
  return 0;
}
