#include "storage/log_record.h"

#include <stdexcept>

#include "api/limits.h"
#include "storage/backup_codec.h"
#include "storage/coding.h"
#include "storage/crc32c.h"
#include "storage/rows_image.h"
#include "storage/schema_codec.h"
#include "storage/value_codec.h"

namespace shoal::storage {
namespace {

// Starts a record in place: a header to patch, then the payload prefix. Writing straight into
// `out` avoids a second copy of large transactions.
size_t beginRecord(std::string& out, RecordType type, uint64_t sequence, const Stamp& stamp) {
  size_t start = out.size();
  out.append(kLogHeaderBytes, '\0');
  out.push_back(static_cast<char>(kLogFormatVersion));
  out.push_back(static_cast<char>(type));
  putVarint(out, sequence);
  putVarint(out, stamp.hlc);
  putVarint(out, stamp.site);
  return start;
}

void endRecord(std::string& out, size_t start) {
  size_t length = out.size() - start - kLogHeaderBytes;
  if (length > limits::kMaxLogRecordBytes) {
    // No reader would accept it; better to fail the commit's logging loudly than to write a
    // record that stops every later recovery.
    out.resize(start);
    throw std::length_error("log record exceeds limits::kMaxLogRecordBytes");
  }
  char* header = &out[start];
  storeFixed32(header, static_cast<uint32_t>(length));
  uint32_t crc = crc32cExtend(0, header, 4);
  crc = crc32cExtend(crc, header + kLogHeaderBytes, length);
  storeFixed32(header + 4, crc);
}

}  // namespace

void appendCommitRecord(std::string& out, uint64_t sequence, const ChangeSet& change) {
  size_t start = beginRecord(out, RecordType::Commit, sequence, change.stamp);
  putVarint(out, change.writes.size());
  for (const ItemWrite& w : change.writes) {
    putBytes(out, w.table);
    putBytes(out, w.key);
    out.push_back(w.item ? 1 : 0);
    if (w.item) encodeStoredItem(out, *w.item);
  }
  endRecord(out, start);
}

void appendCreateTableRecord(std::string& out, uint64_t sequence, const Stamp& stamp, const TableSchema& schema) {
  size_t start = beginRecord(out, RecordType::CreateTable, sequence, stamp);
  encodeSchema(out, schema);
  endRecord(out, start);
}

void appendDeleteTableRecord(std::string& out, uint64_t sequence, const Stamp& stamp, const std::string& name) {
  size_t start = beginRecord(out, RecordType::DeleteTable, sequence, stamp);
  putBytes(out, name);
  endRecord(out, start);
}

void appendUpdateTableRecord(std::string& out, uint64_t sequence, const Stamp& stamp, const TableSchema& schema) {
  size_t start = beginRecord(out, RecordType::UpdateTable, sequence, stamp);
  encodeSchema(out, schema);
  endRecord(out, start);
}

void appendSyncRecord(std::string& out, RecordType type, uint64_t sequence, const Stamp& stamp,
                      std::string_view bytes) {
  size_t start = beginRecord(out, type, sequence, stamp);
  putBytes(out, bytes);
  endRecord(out, start);
}

void appendCreateBackupRecord(std::string& out, uint64_t sequence, const Stamp& stamp, const Backup& backup) {
  size_t start = beginRecord(out, RecordType::CreateBackup, sequence, stamp);
  encodeBackup(out, backup);
  endRecord(out, start);
}

void appendRestoreTableRecord(std::string& out, uint64_t sequence, const TableSchema& schema, const ChangeSet& change) {
  size_t start = beginRecord(out, RecordType::RestoreTable, sequence, change.stamp);
  encodeSchema(out, schema);
  // The rows as a backup keeps them (one zstd frame): a restore of a large table stays a fraction
  // of its size in the log, and the record's CRC covers the frame.
  std::string image;
  RowsImageWriter rows(image, change.writes.size());
  for (const ItemWrite& w : change.writes) rows.add(w.key, *w.item);
  putVarint(out, rows.finish());
  putBytes(out, image);
  endRecord(out, start);
}

void appendDeleteBackupRecord(std::string& out, uint64_t sequence, const Stamp& stamp, const std::string& arn) {
  size_t start = beginRecord(out, RecordType::DeleteBackup, sequence, stamp);
  putBytes(out, arn);
  endRecord(out, start);
}

LogRecord decodeLogPayload(std::string_view payload) {
  ByteReader in(payload);
  uint8_t version = in.byte("record version");
  if (version == 0) ByteReader::fail("record version 0");
  if (version > kLogFormatVersion)
    throw DecodeError("log record version " + std::to_string(version) + " is newer than this build reads (" +
                          std::to_string(kLogFormatVersion) + ")",
                      DecodeFailure::UnsupportedVersion);
  LogRecord r;
  uint8_t type = in.byte("record type");
  r.sequence = in.varint("sequence");
  if (r.sequence == 0) ByteReader::fail("record sequence 0");
  r.stamp.hlc = in.varint("stamp hlc");
  r.stamp.site = in.varint("stamp site");
  switch (static_cast<RecordType>(type)) {
    case RecordType::Commit: {
      r.type = RecordType::Commit;
      r.change.stamp = r.stamp;
      size_t n = in.count("writes", 3);
      r.change.writes.reserve(n);
      for (size_t i = 0; i < n; ++i) {
        ItemWrite w;
        w.table = std::string(in.bytes("write table"));
        w.key = std::string(in.bytes("write key"));
        if (in.boolean("write kind")) w.item = decodeStoredItem(in);
        r.change.writes.push_back(std::move(w));
      }
      break;
    }
    case RecordType::CreateTable:
      r.type = RecordType::CreateTable;
      r.schema = decodeSchema(in);
      break;
    case RecordType::UpdateTable:
      r.type = RecordType::UpdateTable;
      r.schema = decodeSchema(in);
      break;
    case RecordType::DeleteTable:
      r.type = RecordType::DeleteTable;
      r.tableName = std::string(in.bytes("table name"));
      break;
    case RecordType::SyncUnit:
    case RecordType::SyncControl:
      r.type = static_cast<RecordType>(type);
      r.sync = std::string(in.bytes("sync record"));
      break;
    case RecordType::CreateBackup:
      r.type = RecordType::CreateBackup;
      r.backup = decodeBackup(in);
      break;
    case RecordType::RestoreTable: {
      r.type = RecordType::RestoreTable;
      r.schema = decodeSchema(in);
      r.change.stamp = r.stamp;
      uint64_t rawBytes = in.varint("restored rows size");
      auto rows = readRowsImage(in.bytes("restored rows"), rawBytes, "restored rows");
      r.change.writes.reserve(rows.size());
      for (auto& [key, item] : rows)
        r.change.writes.push_back(ItemWrite{r.schema.name, std::move(key), std::move(item)});
      break;
    }
    case RecordType::DeleteBackup:
      r.type = RecordType::DeleteBackup;
      r.backupArn = std::string(in.bytes("backup arn"));
      break;
    default: ByteReader::fail("unknown record type " + std::to_string(type));
  }
  in.expectEnd("record");
  return r;
}

}  // namespace shoal::storage
