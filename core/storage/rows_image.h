// A table's rows as one zstd frame: `varint` n, then n × (`bytes` primary key + StoredItem) in
// strictly increasing key order, the rows exactly as a snapshot stores them, stamps included.
// Backups keep their items this way (backup/table_image.h), and so does the RestoreTable log
// record (log_record.h); FORMAT.md, "Backups and point-in-time recovery".
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/zstd_stream.h"
#include "table/stored_item.h"

namespace shoal::storage {

// Appends the frame to `out`: construct with the row count, add() every row in key order, then
// finish(), which returns the frame's uncompressed size.
class RowsImageWriter {
 public:
  RowsImageWriter(std::string& out, size_t rowCount);
  void add(std::string_view key, const StoredItem& item);
  uint64_t finish() { return writer_.finish(); }

 private:
  ZstdWriter writer_;
};

// The rows of a frame that must decompress to exactly `rawBytes` bytes. Throws DecodeError,
// naming `what`, when the frame is damaged or its keys are not strictly increasing.
std::vector<std::pair<std::string, StoredItem>> readRowsImage(std::string_view frame, uint64_t rawBytes,
                                                              const char* what);

}  // namespace shoal::storage
