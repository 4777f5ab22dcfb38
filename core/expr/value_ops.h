// DynamoDB's semantics for comparing and inspecting attribute values inside expressions.
// Numbers compare by value, strings by UTF-8 bytes, binaries by unsigned bytes; values of
// different types are never equal and never ordered (a comparison on them is false, not an
// error).
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "value/attribute_value.h"

namespace shoal::expr {

// S, N and B: the types <, <=, >, >= and BETWEEN order.
bool isOrderable(Type t);
// -1, 0 or 1 when both values have the same orderable type; nullopt otherwise.
std::optional<int> compareValues(const AttributeValue& a, const AttributeValue& b);
// begins_with: both S (prefix by bytes) or both B.
bool beginsWith(const AttributeValue& value, const AttributeValue& prefix);
// contains: a substring of an S, a byte subsequence of a B, a member of a set of the needle's
// type, or an element (equal in type and value) of a list.
bool contains(const AttributeValue& container, const AttributeValue& needle);
// size: an S's length in UTF-16 code units (what DynamoDB counts), a B's bytes, the element
// count of a set, list or map; nullopt for N, BOOL and NULL.
std::optional<size_t> sizeOf(const AttributeValue& v);
size_t utf16Length(std::string_view utf8);

// "{N:2}", "{S:dog}", "{B:ZG9n}" (base64), "{BOOL:true}", ...: how DynamoDB shows a value in
// the BETWEEN messages.
std::string describeValue(const AttributeValue& v);
// "STRING", "NUMBER", "BINARY", "BOOLEAN", "NULL", "LIST", "MAP", ...: how DynamoDB names an
// operand's type in ADD/DELETE messages.
const char* operandTypeWord(Type t);

}  // namespace shoal::expr
