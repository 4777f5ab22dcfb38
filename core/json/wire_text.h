// Wire JSON text of attribute values, appended straight into the response buffer: byte for byte
// what RapidJSON's Writer (the engine's JsonWriter) writes for the same values, only faster.
// Responses are mostly items, and writing them through the Writer (one call per token, one
// escape-table lookup and buffer check per byte) was the largest single cost of a read (GetItem,
// Query, Scan, BatchGetItem). Here strings are copied 8 bytes at a time up to the first byte JSON
// must escape, into space reserved once per string.
#pragma once
#include <string_view>

#include "json/json.h"
#include "value/attribute_value.h"

namespace shoal {

using JsonBuffer = rapidjson::StringBuffer;

// A JSON string: quotes, and the escapes RapidJSON's Writer uses (\" \\ \b \f \n \r \t, other
// control characters as \u00XX with upper-case hex digits; every other byte as it is).
void appendJsonString(JsonBuffer& out, std::string_view s);
// Text as it is (punctuation between values).
void appendJsonText(JsonBuffer& out, std::string_view text);
// {"S":"x"}, {"N":"1.5"}, {"M":{...}}, ... as writeAttributeValue writes them.
void appendAttributeValueJson(JsonBuffer& out, const AttributeValue& v);
// {"name":{"S":"x"},...}
void appendAttributeMapJson(JsonBuffer& out, const Item& item);

// Makes the Writer place the separator for its next value and count it, and returns its buffer:
// the caller appends exactly one complete JSON object there.
JsonBuffer& beginRawObject(JsonWriter& w);

}  // namespace shoal
