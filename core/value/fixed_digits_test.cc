// appendHex/appendDecimal write what printf's "%0*llx"/"%0*lld" write (the ids and timestamps
// that used printf keep their exact text).
#include "value/fixed_digits.h"

#include <catch2/catch_test_macros.hpp>
#include <cinttypes>
#include <cstdio>
#include <limits>

using shoal::appendDecimal;
using shoal::appendHex;

namespace {

std::string hex(uint64_t v, int width) {
  std::string out = "x";
  appendHex(out, v, width);
  return out.substr(1);  // appends, never replaces
}
std::string dec(int64_t v, int width) {
  std::string out;
  appendDecimal(out, v, width);
  return out;
}
std::string printfHex(uint64_t v, int width) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "%0*" PRIx64, width, v);
  return buf;
}
std::string printfDec(int64_t v, int width) {
  char buf[80];
  std::snprintf(buf, sizeof buf, "%0*" PRId64, width, v);
  return buf;
}

}  // namespace

TEST_CASE("appendHex pads to a width and writes lowercase digits like %0*llx", "[value][digits]") {
  CHECK(hex(0, 8) == "00000000");
  CHECK(hex(0xABCDEF, 4) == "abcdef");
  CHECK(hex(std::numeric_limits<uint64_t>::max(), 16) == "ffffffffffffffff");
  uint64_t v = 1;
  for (int i = 0; i < 64; ++i, v = v * 3 + 7) {
    for (int width : {0, 1, 3, 8, 12, 16, 20}) CHECK(hex(v, width) == printfHex(v, width));
  }
}

TEST_CASE("appendDecimal pads to a width with the sign first like %0*lld", "[value][digits]") {
  CHECK(dec(7, 4) == "0007");
  CHECK(dec(-7, 4) == "-007");
  CHECK(dec(1732500000000, 14) == "01732500000000");
  CHECK(dec(std::numeric_limits<int64_t>::min(), 0) == "-9223372036854775808");
  CHECK(dec(std::numeric_limits<int64_t>::max(), 20) == "09223372036854775807");
  uint64_t u = 1;  // unsigned, so the walk wraps instead of overflowing
  for (int i = 0; i < 40; ++i, u = u * 5 + 3) {
    int64_t v = static_cast<int64_t>(u >> 1);
    for (int64_t signedV : {v, -v}) {
      for (int width : {0, 1, 2, 4, 14, 20}) CHECK(dec(signedV, width) == printfDec(signedV, width));
    }
  }
}
