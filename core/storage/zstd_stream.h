// zstd for everything the engine compresses (snapshots, backup images): a streaming writer
// that appends one zstd frame to a string, fed in pieces so the uncompressed bytes never have
// to exist whole, and a checked one-shot reader for such a frame. Level and framing are the
// snapshot's (snapshot_format.h), so every compressed thing ShoalDB stores reads the same way.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

struct ZSTD_CCtx_s;

namespace shoal::storage {

// Appends one zstd frame to `out`. Encode into chunk(), call flushIfFull() now and then, and
// finish() once. Throws std::runtime_error on a zstd failure, std::bad_alloc without memory.
class ZstdWriter {
 public:
  explicit ZstdWriter(std::string& out);
  ~ZstdWriter();
  ZstdWriter(const ZstdWriter&) = delete;
  ZstdWriter& operator=(const ZstdWriter&) = delete;

  std::string& chunk() { return chunk_; }
  void flushIfFull();
  // Compresses what is left and ends the frame. Returns the uncompressed size of everything fed.
  uint64_t finish();

 private:
  void feed(int endDirective);

  std::string& out_;
  ZSTD_CCtx_s* ctx_;
  std::string chunk_;
  uint64_t rawBytes_ = 0;
};

// Decompressed bytes, in a buffer zstd writes straight into (a std::string would zero-fill
// every byte first: 25 MB for a snapshot of 100,000 items).
class RawBytes {
 public:
  explicit RawBytes(size_t size) : data_(new char[size]), size_(size) {}
  char* data() { return data_.get(); }
  size_t size() const { return size_; }
  std::string_view view() const { return {data_.get(), size_}; }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_;
};

// The bytes of one zstd frame that must decompress to exactly `rawBytes` bytes (at most
// limits::kMaxSnapshotBodyBytes). Throws DecodeError, naming `what`, on anything else.
RawBytes zstdDecompress(std::string_view frame, uint64_t rawBytes, const char* what);

}  // namespace shoal::storage
