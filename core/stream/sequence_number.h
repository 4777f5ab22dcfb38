// DynamoDB Streams sequence numbers: decimal strings of 21 to 40 digits that increase with
// every record of a shard. ShoalDB issues them from one counter per engine and writes them
// zero-padded to 21 digits ("000001700000000000001"), so they sort the same as text and as
// numbers.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace shoal {

std::string formatSequenceNumber(uint64_t sequence);

// The value of a sequence number argument: nullopt unless it is 21 to 40 decimal digits. A value
// beyond uint64 (no ShoalDB stream reaches it) reads as UINT64_MAX.
std::optional<uint64_t> parseSequenceNumber(std::string_view text);

}  // namespace shoal
