// Writes the seed corpus of fuzz_storage from a real database: the fuzz schema's log and
// snapshot, in each of the target's four input forms (see fuzz_storage.cc). Run once when the
// formats change: build/asan/fuzz/fuzz_storage_seeds fuzz/corpus/fuzz_storage
#include <zstd.h>

#include <cstdio>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

#include "api/engine.h"
#include "fuzz_support.h"
#include "storage/coding.h"
#include "storage/log_format.h"
#include "storage/snapshot_format.h"

using namespace shoal;
using namespace shoal::storage;

namespace {

void write(const std::string& dir, const std::string& name, char mode, std::string_view rest) {
  std::ofstream out(dir + "/" + name, std::ios::binary);
  out.put(mode);
  out.write(rest.data(), static_cast<std::streamsize>(rest.size()));
}

std::string twoByteLength(size_t n) {
  std::string s(2, '\0');
  s[0] = static_cast<char>(n & 0xFF);
  s[1] = static_cast<char>((n >> 8) & 0xFF);
  return s;
}

// Framed records -> payloads behind 2-byte lengths (records over 64 KB are left out).
std::string unframe(std::string_view log) {
  std::string out;
  while (log.size() >= kLogHeaderBytes) {
    size_t length = loadFixed32(log.data());
    std::string_view payload = log.substr(kLogHeaderBytes, length);
    if (length < 65536) out += twoByteLength(length) + std::string(payload);
    log.remove_prefix(kLogHeaderBytes + payload.size());
  }
  return out;
}

std::string body(std::string_view snapshot) {
  std::string_view stored = snapshot.substr(kSnapshotHeaderBytes, snapshot.size() - kSnapshotHeaderBytes -
                                                                      kSnapshotTrailerBytes);
  std::string raw(loadFixed64(snapshot.data() + kSnapshotRawSizeOffset), '\0');
  size_t n = ZSTD_decompress(raw.data(), raw.size(), stored.data(), stored.size());
  if (ZSTD_isError(n)) fuzz::fail("seed snapshot does not decompress");
  return raw;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s <corpus dir>\n", argv[0]);
    return 2;
  }
  std::string dir = argv[1];
  Engine engine;
  engine.enableLog();
  fuzz::createSchema(engine);
  std::string log = engine.takeLogRecords();
  std::string snapshot = engine.snapshot();
  uint64_t sequence = engine.logSequence();
  // More history after the snapshot: an update, a delete, a new index, a dropped table.
  const char* const more[][2] = {
      {"UpdateItem", R"({"TableName":"Items","Key":{"pk":{"S":"a"},"sk":{"N":"1"}},"UpdateExpression":"SET score = :s",
        "ExpressionAttributeValues":{":s":{"N":"11"}}})"},
      {"DeleteItem", R"({"TableName":"Simple","Key":{"id":{"S":"two"}}})"},
      {"UpdateTable", R"({"TableName":"Items","AttributeDefinitions":[{"AttributeName":"title","AttributeType":"S"}],
        "GlobalSecondaryIndexUpdates":[{"Create":{"IndexName":"ByTitle","KeySchema":[{"AttributeName":"title",
        "KeyType":"HASH"}],"Projection":{"ProjectionType":"KEYS_ONLY"}}}]})"},
      {"DeleteTable", R"({"TableName":"Blobs"})"},
  };
  for (const auto& [op, request] : more) {
    Response r = engine.execute(op, request, fuzz::kNow + 1000);
    if (r.status != 200) fuzz::fail(std::string("seed request failed: ") + op, r.body);
  }
  std::string after = engine.takeLogRecords();

  write(dir, "log_whole", 0, log + after);
  write(dir, "log_torn", 0, (log + after).substr(0, log.size() + after.size() / 2));
  write(dir, "log_payloads", 1, unframe(log + after));
  std::string b = body(snapshot);
  write(dir, "snapshot_body_and_log", 2, twoByteLength(b.size()) + static_cast<char>(sequence) + b + unframe(after));
  write(dir, "snapshot_file", 3, snapshot);
  write(dir, "snapshot_file_fixed", static_cast<char>(0x83), snapshot);
  return 0;
}
