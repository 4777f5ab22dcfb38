#include "storage/crc32c.h"

#include <catch2/catch_test_macros.hpp>

#include <string>

using namespace shoal::storage;

TEST_CASE("CRC-32C matches the standard check values", "[storage][crc32c]") {
  CHECK(crc32c("123456789") == 0xE3069283u);
  CHECK(crc32c(std::string(32, '\0')) == 0x8A9136AAu);      // RFC 3720 B.4
  CHECK(crc32c(std::string(32, '\xFF')) == 0x62A8AB43u);
  std::string ascending;
  for (int i = 0; i < 32; ++i) ascending.push_back(static_cast<char>(i));
  CHECK(crc32c(ascending) == 0x46DD794Eu);
  CHECK(crc32c("") == 0u);
}

TEST_CASE("CRC-32C extends piecewise", "[storage][crc32c]") {
  std::string data;
  for (int i = 0; i < 1000; ++i) data.push_back(static_cast<char>(i * 31 + 7));
  uint32_t whole = crc32c(data);
  for (size_t cut = 0; cut <= data.size(); cut += 37) {
    uint32_t c = crc32cExtend(0, data.data(), cut);
    CHECK(crc32cExtend(c, data.data() + cut, data.size() - cut) == whole);
  }
}
