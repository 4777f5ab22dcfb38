// An order-preserving binary encoding of key values (S, N, B): for two values a and b of the
// same type, encode(a) < encode(b) as unsigned byte strings exactly when a sorts before b in
// DynamoDB (strings by UTF-8 bytes, numbers numerically, binaries by unsigned bytes). Encodings
// are self-delimiting, so a composite key (partition, sort) is the concatenation of the two and
// all items of one partition form one contiguous, sorted range of the ordered index.
//
// This is the one key encoder of the engine; tables, indexes and sync all use it.
#pragma once
#include <string>
#include <string_view>

#include "value/attribute_value.h"

namespace shoal {

// Appends the encoding of a key value to `out`. Precondition: v is S, N or B.
void appendKeyEncoding(std::string& out, const AttributeValue& v);
std::string encodeKey(const AttributeValue& v);

// Decodes one encoded key value starting at `pos`, advancing `pos` past it. Throws
// ApiError::internal on malformed input (only engine-produced bytes are decoded).
AttributeValue decodeKey(std::string_view encoded, size_t& pos);

}  // namespace shoal
