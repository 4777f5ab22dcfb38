#include "stream/shard_iterator.h"

#include "value/fixed_digits.h"

namespace shoal {
namespace {

constexpr std::string_view kSeparator = "|1|";
constexpr size_t kPayloadHex = 48;  // position, issued time, checksum: 16 hex digits each

uint64_t checksum(std::string_view text) {
  uint64_t h = 1469598103934665603ull ^ 0x5348'4f41'4c44'4221ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

bool readHex(std::string_view text, uint64_t& out) {
  out = 0;
  for (char c : text) {
    int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
    if (d < 0) return false;
    out = (out << 4) | static_cast<uint64_t>(d);
  }
  return true;
}

}  // namespace

std::string encodeShardIterator(const ShardIterator& it) {
  std::string body = it.streamArn + std::string(kSeparator);
  appendHex(body, it.position, 16);
  appendHex(body, static_cast<uint64_t>(it.issuedMillis), 16);
  std::string sum;
  appendHex(sum, checksum(body), 16);
  return body + sum;
}

std::optional<ShardIterator> decodeShardIterator(std::string_view text) {
  if (text.size() < kSeparator.size() + kPayloadHex + 1) return std::nullopt;
  std::string_view payload = text.substr(text.size() - kPayloadHex);
  std::string_view head = text.substr(0, text.size() - kPayloadHex);
  if (head.size() <= kSeparator.size() || head.substr(head.size() - kSeparator.size()) != kSeparator) return std::nullopt;
  uint64_t position, issued, sum;
  if (!readHex(payload.substr(0, 16), position) || !readHex(payload.substr(16, 16), issued) ||
      !readHex(payload.substr(32, 16), sum))
    return std::nullopt;
  if (sum != checksum(text.substr(0, text.size() - 16))) return std::nullopt;
  ShardIterator it;
  it.streamArn = std::string(head.substr(0, head.size() - kSeparator.size()));
  it.position = position;
  it.issuedMillis = static_cast<int64_t>(issued);
  return it;
}

}  // namespace shoal
