// DynamoDB wire JSON <-> AttributeValue: {"S": "x"}, {"N": "1.5"}, {"B": "<base64>"},
// {"BOOL": true}, {"NULL": true}, {"M": {...}}, {"L": [...]}, {"SS": [...]}, {"NS": [...]},
// {"BS": [...]}. Parsing is strict and reports the error DynamoDB gives: a wrong JSON type is
// a SerializationException, a wrong value (empty or duplicated set, bad number, nesting too
// deep) a ValidationException.
#pragma once
#include "json/json.h"
#include "value/attribute_value.h"

namespace shoal {

AttributeValue parseAttributeValue(const JsonValue& json);
// An object of attribute name -> wire value (Item, Key, ExpressionAttributeValues, ...).
Item parseAttributeMap(const JsonValue& json);

void writeAttributeValue(JsonWriter& w, const AttributeValue& v);
void writeAttributeMap(JsonWriter& w, const Item& item);

// "STRING_VALUE", "NUMBER_VALUE", ... : how DynamoDB's deserializer names a JSON token in its
// SerializationException messages.
const char* jsonKindName(const JsonValue& v);

}  // namespace shoal
