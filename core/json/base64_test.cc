#include <catch2/catch_test_macros.hpp>

#include "json/base64.h"

using namespace shoal;

TEST_CASE("base64 encodes with padding and round-trips every byte", "[base64]") {
  CHECK(base64Encode("") == "");
  CHECK(base64Encode("f") == "Zg==");
  CHECK(base64Encode("fo") == "Zm8=");
  CHECK(base64Encode("foo") == "Zm9v");
  std::string all;
  for (int i = 0; i < 256; ++i) all += char(i);
  CHECK(base64Decode(base64Encode(all)) == all);
}

TEST_CASE("base64 decoding is strict", "[base64]") {
  CHECK(base64Decode("Zg==") == std::string("f"));
  CHECK_FALSE(base64Decode("Zg="));     // length not a multiple of 4
  CHECK_FALSE(base64Decode("Z===="));   // too long
  CHECK_FALSE(base64Decode("Zg=a"));    // data after padding
  CHECK_FALSE(base64Decode("=Zg="));    // padding first
  CHECK_FALSE(base64Decode("Zm9v!A=="));  // bad character
  CHECK_FALSE(base64Decode("Zg==Zg=="));  // padding in a middle group
}
