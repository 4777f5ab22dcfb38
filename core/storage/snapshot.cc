#include "storage/snapshot.h"

#include <zstd.h>

#include <limits>
#include <memory>
#include <new>
#include <stdexcept>

#include "api/limits.h"
#include "storage/coding.h"
#include "storage/crc32c.h"
#include "storage/snapshot_format.h"
#include "storage/schema_codec.h"
#include "storage/value_codec.h"

namespace shoal::storage {
namespace {

// Body bytes are encoded into a buffer of about this size, then fed to zstd, so a snapshot
// never holds the whole uncompressed body in memory while it is written.
constexpr size_t kEncodeChunkBytes = 256 * 1024;

struct CCtxFree {
  void operator()(ZSTD_CCtx* c) const { ZSTD_freeCCtx(c); }
};
struct DCtxFree {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

// Streams encoded body bytes through zstd into the snapshot string.
class CompressedBody {
 public:
  explicit CompressedBody(std::string& out) : out_(out), ctx_(ZSTD_createCCtx()) {
    if (!ctx_) throw std::bad_alloc();
    check(ZSTD_CCtx_setParameter(ctx_.get(), ZSTD_c_compressionLevel, kSnapshotZstdLevel));
    // The snapshot has its own CRC over the stored bytes; zstd's checksum would be redundant.
    check(ZSTD_CCtx_setParameter(ctx_.get(), ZSTD_c_checksumFlag, 0));
  }

  std::string& chunk() { return chunk_; }
  void flushIfFull() {
    if (chunk_.size() >= kEncodeChunkBytes) feed(ZSTD_e_continue);
  }
  // Compresses what is left and ends the frame. Returns the uncompressed body size.
  uint64_t finish() {
    feed(ZSTD_e_end);
    return rawBytes_;
  }

 private:
  static void check(size_t code) {
    if (ZSTD_isError(code)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(code));
  }

  void feed(ZSTD_EndDirective mode) {
    ZSTD_inBuffer in{chunk_.data(), chunk_.size(), 0};
    const size_t step = ZSTD_CStreamOutSize();
    for (;;) {
      size_t used = out_.size();
      out_.resize(used + step);
      ZSTD_outBuffer ob{&out_[used], step, 0};
      size_t left = ZSTD_compressStream2(ctx_.get(), &ob, &in, mode);
      out_.resize(used + ob.pos);
      check(left);
      bool done = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
      if (done) break;
    }
    rawBytes_ += chunk_.size();
    chunk_.clear();
  }

  std::string& out_;
  std::unique_ptr<ZSTD_CCtx, CCtxFree> ctx_;
  std::string chunk_;
  uint64_t rawBytes_ = 0;
};

void decodeBody(std::string_view body, uint32_t version, Catalog& catalog, SnapshotSections* sections) {
  ByteReader in(body);
  size_t tables = in.count("table count", 8);
  for (size_t t = 0; t < tables; ++t) {
    TableSchema schema = decodeSchema(in);
    if (catalog.find(schema.name)) ByteReader::fail("table " + schema.name + " appears twice");
    Table& table = catalog.create(std::move(schema));
    size_t items = in.count("item count", 2);
    const std::string* previousKey = nullptr;
    for (size_t i = 0; i < items; ++i) {
      std::string key(in.bytes("item key"));
      // Rows were written in key order; a repeated key would silently drop an item.
      if (previousKey && !(*previousKey < key)) ByteReader::fail("item keys out of order in " + table.schema().name);
      StoredItem item = decodeStoredItem(in);
      table.put(key, std::move(item));
      previousKey = &table.rows().rbegin()->first;
    }
  }
  if (version >= kSnapshotFirstVersionWithSections) {
    size_t n = in.count("section count", 2);
    int previousTag = 0;
    for (size_t i = 0; i < n; ++i) {
      uint8_t tag = in.byte("section tag");
      if (tag <= previousTag) ByteReader::fail("snapshot sections out of order");
      previousTag = tag;
      std::string_view sectionBody = in.bytes("section body");
      if (tag != static_cast<uint8_t>(SnapshotSection::Sync))
        throw DecodeError("snapshot section " + std::to_string(tag) + " is newer than this build reads",
                          DecodeFailure::UnsupportedVersion);
      if (sections) (*sections)[static_cast<SnapshotSection>(tag)] = std::string(sectionBody);
    }
  }
  in.expectEnd("snapshot body");
}

}  // namespace

std::string writeSnapshot(const Catalog& catalog, const SnapshotPosition& position, const SnapshotSections& sections) {
  size_t present = 0;
  for (const auto& [tag, body] : sections) present += body.empty() ? 0 : 1;
  std::string out(kSnapshotHeaderBytes, '\0');
  out.replace(0, kSnapshotMagic.size(), kSnapshotMagic);
  storeFixed32(&out[kSnapshotVersionOffset], present ? kSnapshotFormatVersion : 1);
  storeFixed32(&out[kSnapshotCompressionOffset], static_cast<uint32_t>(SnapshotCompression::Zstd));
  storeFixed64(&out[kSnapshotSequenceOffset], position.sequence);
  storeFixed64(&out[kSnapshotClockOffset], position.clock);
  storeFixed64(&out[kSnapshotSiteOffset], catalog.siteId());

  CompressedBody body(out);
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
  unsigned long long frameSize = ZSTD_getFrameContentSize(stored.data(), stored.size());
  if (frameSize == ZSTD_CONTENTSIZE_ERROR) throw DecodeError("snapshot body is not a zstd frame");
  if (frameSize != ZSTD_CONTENTSIZE_UNKNOWN && frameSize != h.rawBytes)
    throw DecodeError("snapshot body size disagrees with its zstd frame");
  std::string body;
  try {
    body.resize(static_cast<size_t>(h.rawBytes));
  } catch (const std::bad_alloc&) {
    throw DecodeError("snapshot body of " + std::to_string(h.rawBytes) + " bytes does not fit in memory");
  }
  std::unique_ptr<ZSTD_DCtx, DCtxFree> ctx(ZSTD_createDCtx());
  if (!ctx) throw std::bad_alloc();
  size_t got = ZSTD_decompressDCtx(ctx.get(), body.data(), body.size(), stored.data(), stored.size());
  if (ZSTD_isError(got)) throw DecodeError(std::string("snapshot body: zstd: ") + ZSTD_getErrorName(got));
  if (got != body.size()) throw DecodeError("snapshot body shorter than its header says");

  Catalog fresh(h.site);
  SnapshotSections found;
  decodeBody(body, h.version, fresh, &found);
  if (sections) *sections = std::move(found);
  fresh.clock().observe(h.position.clock);
  catalog = std::move(fresh);
  return h;
}

}  // namespace shoal::storage
