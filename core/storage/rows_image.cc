#include "storage/rows_image.h"

#include "storage/coding.h"
#include "storage/value_codec.h"

namespace shoal::storage {

RowsImageWriter::RowsImageWriter(std::string& out, size_t rowCount) : writer_(out) {
  putVarint(writer_.chunk(), rowCount);
}

void RowsImageWriter::add(std::string_view key, const StoredItem& item) {
  putBytes(writer_.chunk(), key);
  encodeStoredItem(writer_.chunk(), item);
  writer_.flushIfFull();
}

std::vector<std::pair<std::string, StoredItem>> readRowsImage(std::string_view frame, uint64_t rawBytes,
                                                              const char* what) {
  RawBytes raw = zstdDecompress(frame, rawBytes, what);
  ByteReader in(raw.view());
  std::string w(what);
  size_t n = in.count((w + " row count").c_str(), 2);
  std::vector<std::pair<std::string, StoredItem>> rows;
  rows.reserve(n);
  for (size_t i = 0; i < n; ++i) {
    std::string key(in.bytes("row key"));
    if (!rows.empty() && !(rows.back().first < key)) ByteReader::fail(w + ": row keys out of order");
    rows.emplace_back(std::move(key), decodeStoredItem(in));
  }
  in.expectEnd(what);
  return rows;
}

}  // namespace shoal::storage
