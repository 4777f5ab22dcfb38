// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), the checksum of every log record and
// snapshot. Chosen over CRC-32 for its better error detection on short records, and over a
// non-cryptographic hash because its burst-error guarantees are what protect bytes on disk.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace shoal::storage {

// The CRC-32C of `data` continued from `crc` (the CRC of the bytes before it; 0 to start),
// so a checksum over several pieces equals the checksum over their concatenation.
uint32_t crc32cExtend(uint32_t crc, const void* data, size_t size);

inline uint32_t crc32c(std::string_view data) { return crc32cExtend(0, data.data(), data.size()); }

}  // namespace shoal::storage
