// The binary codec of a TableSchema (key schema, attribute definitions, billing, indexes,
// stream and time-to-live settings), used by CreateTable/UpdateTable log records and by
// snapshots. Layout: value_format.h and FORMAT.md. Decoding throws DecodeError.
//
// Every field of TableSchema must be written here, or it is lost at the next restart: when
// you add one, add it (as a new SchemaSection when it is optional) and to FORMAT.md.
#pragma once
#include <string>

#include "storage/coding.h"
#include "table/schema.h"

namespace shoal::storage {

void encodeSchema(std::string& out, const TableSchema& schema);
TableSchema decodeSchema(ByteReader& in);

}  // namespace shoal::storage
