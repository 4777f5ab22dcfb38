#include "backup/table_image.h"

#include "storage/coding.h"
#include "storage/value_codec.h"
#include "storage/zstd_stream.h"

namespace shoal {

void captureTable(const Table& table, Backup& backup) {
  backup.table = table.schema();
  backup.itemCount = table.itemCount();
  backup.tableSizeBytes = table.sizeBytes();
  backup.image.clear();
  storage::ZstdWriter writer(backup.image);
  std::string& chunk = writer.chunk();
  storage::putVarint(chunk, table.rows().size());
  for (const auto& [key, item] : table.rows()) {
    storage::putBytes(chunk, key);
    storage::encodeStoredItem(chunk, item);
    writer.flushIfFull();
  }
  backup.imageRawBytes = writer.finish();
}

Table::Rows readImage(const Backup& backup) {
  std::string raw = storage::zstdDecompress(backup.image, backup.imageRawBytes, "backup image");
  storage::ByteReader in(raw);
  Table::Rows rows;
  size_t n = in.count("backup item count", 2);
  for (size_t i = 0; i < n; ++i) {
    std::string key(in.bytes("backup item key"));
    if (!rows.empty() && !(rows.rbegin()->first < key)) storage::ByteReader::fail("backup item keys out of order");
    rows.emplace_hint(rows.end(), std::move(key), storage::decodeStoredItem(in));
  }
  in.expectEnd("backup image");
  return rows;
}

}  // namespace shoal
