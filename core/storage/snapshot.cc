#include "storage/snapshot.h"

#include <limits>

#include "api/limits.h"
#include "storage/backup_sections.h"
#include "storage/coding.h"
#include "storage/crc32c.h"
#include "storage/snapshot_format.h"
#include "storage/schema_codec.h"
#include "storage/value_codec.h"
#include "storage/zstd_stream.h"

namespace shoal::storage {
namespace {

void decodeBody(std::string_view body, uint32_t version, Catalog& catalog, SnapshotSections* sections) {
  ByteReader in(body);
  size_t tables = in.count("table count", 8);
  for (size_t t = 0; t < tables; ++t) {
    TableSchema schema = decodeSchema(in);
    if (catalog.find(schema.name)) ByteReader::fail("table " + schema.name + " appears twice");
    Table& table = catalog.create(std::move(schema));
    size_t items = in.count("item count", 2);
    Table::Rows rows;
    for (size_t i = 0; i < items; ++i) {
      std::string_view key = in.bytes("item key");
      // Rows were written in key order; a repeated key would silently drop an item. In order,
      // each row goes in at the end of the map (no search), and the indexes are built once.
      if (!rows.empty() && !(std::string_view(rows.rbegin()->first) < key))
        ByteReader::fail("item keys out of order in " + table.schema().name);
      rows.emplace_hint(rows.end(), key, decodeStoredItem(in));
    }
    table.load(std::move(rows));
  }
  if (version >= kSnapshotFirstVersionWithSections) {
    size_t n = in.count("section count", 2);
    int previousTag = 0;
    for (size_t i = 0; i < n; ++i) {
      uint8_t tag = in.byte("section tag");
      if (tag <= previousTag) ByteReader::fail("snapshot sections out of order");
      previousTag = tag;
      std::string_view sectionBody = in.bytes("section body");
      if (isBackupSection(tag)) {
        decodeBackupSection(static_cast<SnapshotSection>(tag), sectionBody, catalog.backups());
        continue;
      }
      if (tag != static_cast<uint8_t>(SnapshotSection::Sync))
        throw DecodeError("snapshot section " + std::to_string(tag) + " is newer than this build reads",
                          DecodeFailure::UnsupportedVersion);
      if (sections) (*sections)[static_cast<SnapshotSection>(tag)] = std::string(sectionBody);
    }
  }
  in.expectEnd("snapshot body");
}

}  // namespace

std::string writeSnapshot(const Catalog& catalog, const SnapshotPosition& position, const SnapshotSections& given) {
  // The caller's sections (sync's) with the catalog's own (its backups), in tag order.
  SnapshotSections sections = given;
  encodeBackupSections(catalog.backups(), sections);
  size_t present = 0;
  for (const auto& [tag, body] : sections) present += body.empty() ? 0 : 1;
  std::string out(kSnapshotHeaderBytes, '\0');
  out.replace(0, kSnapshotMagic.size(), kSnapshotMagic);
  storeFixed32(&out[kSnapshotVersionOffset], present ? kSnapshotFormatVersion : 1);
  storeFixed32(&out[kSnapshotCompressionOffset], static_cast<uint32_t>(SnapshotCompression::Zstd));
  storeFixed64(&out[kSnapshotSequenceOffset], position.sequence);
  storeFixed64(&out[kSnapshotClockOffset], position.clock);
  storeFixed64(&out[kSnapshotSiteOffset], catalog.siteId());

  ZstdWriter body(out);
  std::string& chunk = body.chunk();
  putVarint(chunk, catalog.tables().size());
  for (const auto& [name, table] : catalog.tables()) {
    encodeSchema(chunk, table->schema());
    putVarint(chunk, table->rows().size());
    for (const auto& [key, item] : table->rows()) {
      putBytes(chunk, key);
      encodeStoredItem(chunk, item);
      body.flushIfFull();
    }
  }
  if (present) {
    putVarint(chunk, present);
    for (const auto& [tag, sectionBody] : sections) {
      if (sectionBody.empty()) continue;
      chunk.push_back(static_cast<char>(tag));
      putBytes(chunk, sectionBody);
      body.flushIfFull();
    }
  }
  uint64_t rawBytes = body.finish();
  storeFixed64(&out[kSnapshotRawSizeOffset], rawBytes);
  storeFixed64(&out[kSnapshotBodySizeOffset], out.size() - kSnapshotHeaderBytes);
  putFixed32(out, crc32c(out));
  return out;
}

SnapshotHeader readSnapshotHeader(std::string_view s) {
  if (s.size() < kSnapshotMagic.size() || s.substr(0, kSnapshotMagic.size()) != kSnapshotMagic)
    throw DecodeError("not a ShoalDB snapshot (bad magic)");
  if (s.size() < kSnapshotHeaderBytes + kSnapshotTrailerBytes)
    throw DecodeError("snapshot truncated: " + std::to_string(s.size()) + " bytes");
  size_t covered = s.size() - kSnapshotTrailerBytes;
  if (crc32c(s.substr(0, covered)) != loadFixed32(s.data() + covered))
    throw DecodeError("snapshot checksum mismatch");
  SnapshotHeader h;
  h.version = loadFixed32(s.data() + kSnapshotVersionOffset);
  if (h.version == 0) throw DecodeError("snapshot version 0");
  if (h.version > kSnapshotFormatVersion)
    throw DecodeError("snapshot version " + std::to_string(h.version) + " is newer than this build reads (" +
                          std::to_string(kSnapshotFormatVersion) + ")",
                      DecodeFailure::UnsupportedVersion);
  uint32_t compression = loadFixed32(s.data() + kSnapshotCompressionOffset);
  if (compression != static_cast<uint32_t>(SnapshotCompression::Zstd))
    throw DecodeError("unknown snapshot compression " + std::to_string(compression));
  h.position.sequence = loadFixed64(s.data() + kSnapshotSequenceOffset);
  h.position.clock = loadFixed64(s.data() + kSnapshotClockOffset);
  h.site = loadFixed64(s.data() + kSnapshotSiteOffset);
  h.rawBytes = loadFixed64(s.data() + kSnapshotRawSizeOffset);
  h.storedBytes = loadFixed64(s.data() + kSnapshotBodySizeOffset);
  if (h.storedBytes != covered - kSnapshotHeaderBytes)
    throw DecodeError("snapshot body size " + std::to_string(h.storedBytes) + " does not match the file");
  if (h.rawBytes > limits::kMaxSnapshotBodyBytes || h.rawBytes > std::numeric_limits<size_t>::max())
    throw DecodeError("snapshot body size " + std::to_string(h.rawBytes) + " is beyond limits");
  return h;
}

SnapshotHeader loadSnapshot(std::string_view s, Catalog& catalog, SnapshotSections* sections) {
  SnapshotHeader h = readSnapshotHeader(s);
  std::string_view stored = s.substr(kSnapshotHeaderBytes, static_cast<size_t>(h.storedBytes));
  RawBytes body = zstdDecompress(stored, h.rawBytes, "snapshot body");

  Catalog fresh(h.site);
  SnapshotSections found;
  decodeBody(body.view(), h.version, fresh, &found);
  if (sections) *sections = std::move(found);
  fresh.clock().observe(h.position.clock);
  catalog = std::move(fresh);
  return h;
}

}  // namespace shoal::storage
