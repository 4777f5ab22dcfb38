// ShardIterator strings: opaque to clients, they carry the stream's ARN, the position (read
// the records whose sequence number is larger) and when the iterator was issued (it expires
// 15 minutes later, in engine time). Like DynamoDB's, they start with the stream ARN. A
// checksum makes an edited or truncated iterator invalid instead of pointing elsewhere.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shoal {

struct ShardIterator {
  std::string streamArn;
  uint64_t position = 0;
  int64_t issuedMillis = 0;
};

std::string encodeShardIterator(const ShardIterator& iterator);
std::optional<ShardIterator> decodeShardIterator(std::string_view text);

}  // namespace shoal
