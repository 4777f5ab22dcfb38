#include "api/table_id.h"

#include "value/fixed_digits.h"

namespace shoal {

std::string makeTableId(uint64_t site, int64_t now) {
  static uint64_t counter = 0;
  uint64_t x = site * 0x9E3779B97F4A7C15ull ^ static_cast<uint64_t>(now) ^ (++counter << 32);
  auto next = [&x] {
    x += 0x9E3779B97F4A7C15ull;
    uint64_t z = x;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  };
  uint64_t a = next(), b = next();
  // A version-4 UUID's shape: 8-4-4-4-12 hex digits, "4" and the variant bits fixed.
  std::string id;
  appendHex(id, (a >> 32) & 0xFFFFFFFF, 8);
  id += '-';
  appendHex(id, (a >> 16) & 0xFFFF, 4);
  id += "-4";
  appendHex(id, a & 0xFFF, 3);
  id += '-';
  appendHex(id, 0x8000 | ((b >> 48) & 0x3FFF), 4);
  id += '-';
  appendHex(id, b & 0xFFFFFFFFFFFFull, 12);
  return id;
}

}  // namespace shoal
