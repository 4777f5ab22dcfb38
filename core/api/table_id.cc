#include "api/table_id.h"

#include <cstdio>

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
  char buf[40];
  snprintf(buf, sizeof buf, "%08x-%04x-4%03x-%04x-%012llx", static_cast<unsigned>(a >> 32),
           static_cast<unsigned>((a >> 16) & 0xFFFF), static_cast<unsigned>(a & 0xFFF),
           static_cast<unsigned>(0x8000 | ((b >> 48) & 0x3FFF)),
           static_cast<unsigned long long>(b & 0xFFFFFFFFFFFFull));
  return buf;
}

}  // namespace shoal
