// Recovery over untrusted bytes: Engine::open (storage::recover: the newest valid snapshot,
// then the log after it) on a database that already holds the fuzz schema.
//
// Input: byte 0 picks how the rest is read (framing written by this target, so the fuzzer gets
// past checksums to the decoders behind them):
//   0: the rest is a log file as it lies on disk;
//   1: the rest is log payloads, each behind a 2-byte little-endian length; framed here;
//   2: a 2-byte length, the snapshot's log sequence (1 byte), an uncompressed snapshot body of
//      that length, then payloads as in 1; the body is compressed and given a valid header and
//      checksum here;
//   3: the rest is a snapshot file as it lies on disk (with its checksum fixed here when bit 7
//      of byte 0 is set), with no log.
//
// Properties:
//   - open() returns, whatever the bytes; logBytesValid + logBytesDropped is the log's size;
//   - when it refuses (no snapshot could be loaded) the database is exactly as before;
//   - when it recovers, the state is one the engine can serve: indexes agree with their
//     tables, reads of every table and index are answered without InternalServerError, and a
//     snapshot of it loads back into an equal database.
#include <zstd.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/engine.h"
#include "fuzz_support.h"
#include "storage/coding.h"
#include "storage/crc32c.h"
#include "storage/log_format.h"
#include "storage/snapshot_format.h"

using namespace shoal;
using namespace shoal::storage;

namespace {

// Payloads behind 2-byte lengths -> framed log records (length, CRC-32C, payload).
std::string frameLog(std::string_view rest) {
  std::string log;
  while (rest.size() >= 2) {
    size_t length = static_cast<uint8_t>(rest[0]) | size_t(static_cast<uint8_t>(rest[1])) << 8;
    rest.remove_prefix(2);
    std::string_view payload = rest.substr(0, length);
    rest.remove_prefix(payload.size());
    char header[kLogHeaderBytes];
    storeFixed32(header, static_cast<uint32_t>(payload.size()));
    storeFixed32(header + 4, crc32cExtend(crc32cExtend(0, header, 4), payload.data(), payload.size()));
    log.append(header, kLogHeaderBytes);
    log.append(payload);
  }
  return log;
}

std::string frameSnapshot(std::string_view body, uint64_t sequence) {
  std::string out(kSnapshotHeaderBytes, '\0');
  out.replace(0, kSnapshotMagic.size(), kSnapshotMagic);
  storeFixed32(&out[kSnapshotVersionOffset], kSnapshotFormatVersion);
  storeFixed32(&out[kSnapshotCompressionOffset], static_cast<uint32_t>(SnapshotCompression::Zstd));
  storeFixed64(&out[kSnapshotSequenceOffset], sequence);
  storeFixed64(&out[kSnapshotClockOffset], 1000);
  storeFixed64(&out[kSnapshotSiteOffset], 7);
  storeFixed64(&out[kSnapshotRawSizeOffset], body.size());
  std::string compressed(ZSTD_compressBound(body.size()), '\0');
  size_t n = ZSTD_compress(compressed.data(), compressed.size(), body.data(), body.size(), kSnapshotZstdLevel);
  fuzz::check(!ZSTD_isError(n), "zstd refused to compress");
  compressed.resize(n);
  out += compressed;
  storeFixed64(&out[kSnapshotBodySizeOffset], compressed.size());
  putFixed32(out, crc32c(out));
  return out;
}

void fixChecksum(std::string& snapshot) {
  if (snapshot.size() < kSnapshotTrailerBytes) return;
  size_t covered = snapshot.size() - kSnapshotTrailerBytes;
  storeFixed32(&snapshot[covered], crc32c(std::string_view(snapshot).substr(0, covered)));
}

// Reads of everything the recovered catalog holds, through the request path.
void checkServes(Engine& engine) {
  std::vector<std::string> requests;
  for (const auto& [name, table] : engine.catalog().tables()) {
    std::string quoted;
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    writeString(w, name);
    quoted = buf.GetString();
    requests.push_back(R"({"TableName":)" + quoted + "}");
    for (const SecondaryIndex& index : table->indexes()) {
      rapidjson::StringBuffer ib;
      JsonWriter iw(ib);
      writeString(iw, index.schema().name);
      requests.push_back(R"({"TableName":)" + quoted + R"(,"IndexName":)" + ib.GetString() + "}");
    }
  }
  for (const std::string& body : requests) {
    Response r = engine.execute("Scan", body, fuzz::kNow);
    fuzz::check(r.body.find("#InternalServerError\"") == std::string::npos,
                "Scan of a recovered database failed internally", r.body);
  }
  for (const auto& [name, table] : engine.catalog().tables()) {
    rapidjson::StringBuffer buf;
    JsonWriter w(buf);
    writeString(w, name);
    Response r = engine.execute("DescribeTable", std::string(R"({"TableName":)") + buf.GetString() + "}", fuzz::kNow);
    fuzz::check(r.status == 200, "DescribeTable of a recovered table failed", r.body);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1 || size > 256 * 1024) return 0;
  uint8_t mode = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string snapshot, log;
  switch (mode % 4) {
    case 0: log = std::string(rest); break;
    case 1: log = frameLog(rest); break;
    case 2: {
      size_t length = rest.size() >= 2 ? (static_cast<uint8_t>(rest[0]) | size_t(static_cast<uint8_t>(rest[1])) << 8) : 0;
      rest.remove_prefix(std::min<size_t>(2, rest.size()));
      uint64_t sequence = rest.empty() ? 0 : static_cast<uint8_t>(rest[0]);
      rest.remove_prefix(std::min<size_t>(1, rest.size()));
      snapshot = frameSnapshot(rest.substr(0, length), sequence);
      log = frameLog(rest.substr(std::min(length, rest.size())));
      break;
    }
    default:
      snapshot = std::string(rest);
      if (mode & 0x80) fixChecksum(snapshot);
      break;
  }

  Engine engine;
  fuzz::createSchema(engine);
  std::string before = fuzz::catalogDigest(engine.catalog());
  RecoveryResult r = engine.open(std::vector<std::string_view>{snapshot}, log);
  fuzz::check(r.logBytesValid + r.logBytesDropped == log.size() && r.logBytesValid <= log.size(),
              "log byte counts do not add up");
  if (!r.ok) {
    fuzz::check(fuzz::catalogDigest(engine.catalog()) == before, "a refused recovery changed the database", r.error);
    return 0;
  }
  fuzz::checkIndexes(engine.catalog());
  std::string digest = fuzz::catalogDigest(engine.catalog());
  Engine copy;
  RecoveryResult again = copy.open(engine.snapshot(), "");
  fuzz::check(again.ok, "a snapshot of a recovered database does not load: " + again.error);
  fuzz::check(fuzz::catalogDigest(copy.catalog()) == digest, "a snapshot of a recovered database loads differently");
  checkServes(engine);
  return 0;
}
