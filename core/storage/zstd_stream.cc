#include "storage/zstd_stream.h"

#include <zstd.h>

#include <limits>
#include <new>
#include <optional>
#include <stdexcept>

#include "api/limits.h"
#include "storage/decode_error.h"
#include "storage/snapshot_format.h"

namespace shoal::storage {
namespace {

// Bytes are encoded into a chunk of about this size, then fed to zstd, so a writer never holds
// the whole uncompressed body in memory.
constexpr size_t kEncodeChunkBytes = 256 * 1024;

void check(size_t code) {
  if (ZSTD_isError(code)) throw std::runtime_error(std::string("zstd: ") + ZSTD_getErrorName(code));
}

struct DCtxFree {
  void operator()(ZSTD_DCtx* d) const { ZSTD_freeDCtx(d); }
};

}  // namespace

ZstdWriter::ZstdWriter(std::string& out) : out_(out), ctx_(ZSTD_createCCtx()) {
  if (!ctx_) throw std::bad_alloc();
  try {
    check(ZSTD_CCtx_setParameter(ctx_, ZSTD_c_compressionLevel, kSnapshotZstdLevel));
    // Whoever stores the frame checksums it (the snapshot's CRC, the log record's); zstd's own
    // checksum would be redundant.
    check(ZSTD_CCtx_setParameter(ctx_, ZSTD_c_checksumFlag, 0));
  } catch (...) {
    ZSTD_freeCCtx(ctx_);
    throw;
  }
}

ZstdWriter::~ZstdWriter() { ZSTD_freeCCtx(ctx_); }

void ZstdWriter::flushIfFull() {
  if (chunk_.size() >= kEncodeChunkBytes) feed(ZSTD_e_continue);
}

uint64_t ZstdWriter::finish() {
  feed(ZSTD_e_end);
  return rawBytes_;
}

void ZstdWriter::feed(int endDirective) {
  auto mode = static_cast<ZSTD_EndDirective>(endDirective);
  ZSTD_inBuffer in{chunk_.data(), chunk_.size(), 0};
  const size_t step = ZSTD_CStreamOutSize();
  for (;;) {
    size_t used = out_.size();
    out_.resize(used + step);
    ZSTD_outBuffer ob{&out_[used], step, 0};
    size_t left = ZSTD_compressStream2(ctx_, &ob, &in, mode);
    out_.resize(used + ob.pos);
    check(left);
    bool done = mode == ZSTD_e_end ? left == 0 : in.pos == in.size;
    if (done) break;
  }
  rawBytes_ += chunk_.size();
  chunk_.clear();
}

RawBytes zstdDecompress(std::string_view frame, uint64_t rawBytes, const char* what) {
  std::string w(what);
  if (rawBytes > limits::kMaxSnapshotBodyBytes || rawBytes > std::numeric_limits<size_t>::max())
    throw DecodeError(w + " size " + std::to_string(rawBytes) + " is beyond limits");
  unsigned long long frameSize = ZSTD_getFrameContentSize(frame.data(), frame.size());
  if (frameSize == ZSTD_CONTENTSIZE_ERROR) throw DecodeError(w + " is not a zstd frame");
  if (frameSize != ZSTD_CONTENTSIZE_UNKNOWN && frameSize != rawBytes)
    throw DecodeError(w + " size disagrees with its zstd frame");
  std::optional<RawBytes> out;
  try {
    out.emplace(static_cast<size_t>(rawBytes));
  } catch (const std::bad_alloc&) {
    throw DecodeError(w + " of " + std::to_string(rawBytes) + " bytes does not fit in memory");
  }
  std::unique_ptr<ZSTD_DCtx, DCtxFree> ctx(ZSTD_createDCtx());
  if (!ctx) throw std::bad_alloc();
  size_t got = ZSTD_decompressDCtx(ctx.get(), out->data(), out->size(), frame.data(), frame.size());
  if (ZSTD_isError(got)) throw DecodeError(w + ": zstd: " + ZSTD_getErrorName(got));
  if (got != out->size()) throw DecodeError(w + " shorter than its header says");
  return std::move(*out);
}

}  // namespace shoal::storage
