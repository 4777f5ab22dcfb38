#include "stream/sequence_number.h"

#include <limits>

namespace shoal {

std::string formatSequenceNumber(uint64_t sequence) {
  std::string digits = std::to_string(sequence);
  return std::string(digits.size() < 21 ? 21 - digits.size() : 0, '0') + digits;
}

std::optional<uint64_t> parseSequenceNumber(std::string_view text) {
  if (text.size() < 21 || text.size() > 40) return std::nullopt;
  uint64_t value = 0;
  bool overflow = false;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (std::numeric_limits<uint64_t>::max() - digit) / 10) overflow = true;
    if (!overflow) value = value * 10 + digit;
  }
  return overflow ? std::numeric_limits<uint64_t>::max() : value;
}

}  // namespace shoal
