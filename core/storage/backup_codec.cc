#include "storage/backup_codec.h"

#include "storage/schema_codec.h"
#include "storage/value_codec.h"

namespace shoal::storage {

void encodeBackup(std::string& out, const Backup& b) {
  putBytes(out, b.arn);
  putBytes(out, b.name);
  out.push_back(static_cast<char>(b.type));
  putSignedVarint(out, b.createdMillis);
  putSignedVarint(out, b.expiresMillis);
  encodeSchema(out, b.table);
  putVarint(out, b.itemCount);
  putVarint(out, b.tableSizeBytes);
  putVarint(out, b.imageRawBytes);
  putBytes(out, b.image);
}

Backup decodeBackup(ByteReader& in) {
  Backup b;
  b.arn = std::string(in.bytes("backup arn"));
  b.name = std::string(in.bytes("backup name"));
  uint8_t type = in.byte("backup type");
  if (type != static_cast<uint8_t>(BackupType::User) && type != static_cast<uint8_t>(BackupType::System))
    ByteReader::fail("unknown backup type " + std::to_string(type));
  b.type = static_cast<BackupType>(type);
  b.createdMillis = in.signedVarint("backup creation time");
  b.expiresMillis = in.signedVarint("backup expiry time");
  b.table = decodeSchema(in);
  b.itemCount = in.varint("backup item count");
  b.tableSizeBytes = in.varint("backup table size");
  b.imageRawBytes = in.varint("backup image size");
  b.image = std::string(in.bytes("backup image"));
  return b;
}

void encodePointInTimeHistory(std::string& out, const std::string& table, const PointInTimeHistory& history) {
  putBytes(out, table);
  putSignedVarint(out, history.enabledMillis());
  putSignedVarint(out, history.forgottenThroughMillis());
  putVarint(out, history.entries().size());
  for (const UndoEntry& entry : history.entries()) {
    putSignedVarint(out, entry.millis);
    putVarint(out, entry.writes.size());
    for (const PriorImage& w : entry.writes) {
      putBytes(out, w.key);
      out.push_back(w.item ? 1 : 0);
      if (w.item) encodeStoredItem(out, *w.item);
    }
  }
}

std::pair<std::string, PointInTimeHistory> decodePointInTimeHistory(ByteReader& in) {
  std::string table(in.bytes("history table"));
  int64_t enabled = in.signedVarint("history enabled at");
  int64_t forgotten = in.signedVarint("history forgotten through");
  size_t n = in.count("history entries", 2);
  std::deque<UndoEntry> entries;
  for (size_t i = 0; i < n; ++i) {
    UndoEntry entry;
    entry.millis = in.signedVarint("history entry time");
    if (!entries.empty() && entry.millis < entries.back().millis) ByteReader::fail("history entries out of order");
    size_t writes = in.count("history entry writes", 2);
    entry.writes.reserve(writes);
    for (size_t k = 0; k < writes; ++k) {
      PriorImage w;
      w.key = std::string(in.bytes("history key"));
      if (in.boolean("history item present")) w.item = decodeStoredItem(in);
      entry.writes.push_back(std::move(w));
    }
    entries.push_back(std::move(entry));
  }
  return {std::move(table), PointInTimeHistory(enabled, forgotten, std::move(entries))};
}

}  // namespace shoal::storage
