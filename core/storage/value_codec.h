// The compact binary codec for what the engine stores: AttributeValue (all ten types, nested)
// and StoredItem (each attribute with the stamp of the write that set it); schema_codec.h does
// TableSchema. Log
// records and snapshots are built from these. Layout: value_format.h and FORMAT.md.
//
// Encoding is deterministic: equal values encode to equal bytes, so tests and tools may compare
// items byte for byte through encode*(). Decoding takes untrusted bytes: it checks every bound,
// limits nesting to limits::kMaxStoredNestingDepth, and throws DecodeError, never crashing.
#pragma once
#include <string>

#include "storage/coding.h"
#include "table/stored_item.h"
#include "value/attribute_value.h"

namespace shoal::storage {

void encodeValue(std::string& out, const AttributeValue& value);
AttributeValue decodeValue(ByteReader& in);

void encodeNumber(std::string& out, const Number& number);
Number decodeNumber(ByteReader& in);

// The item's sizeBytes is not stored: decoding recomputes it with DynamoDB's size rules.
void encodeStoredItem(std::string& out, const StoredItem& item);
StoredItem decodeStoredItem(ByteReader& in);

// Convenience for tests and tools: one value or item to / from a whole byte string.
std::string encodeStoredItem(const StoredItem& item);

}  // namespace shoal::storage
