#include <catch2/catch_test_macros.hpp>

#include "api/time_format.h"

TEST_CASE("ISO timestamps in UTC", "[time]") {
  CHECK(shoal::isoTimestamp(0) == "1970-01-01T00:00:00.000");
  CHECK(shoal::isoTimestamp(1'700'000'000'123) == "2023-11-14T22:13:20.123");
  CHECK(shoal::isoTimestamp(951'782'400'000) == "2000-02-29T00:00:00.000");  // leap day
  CHECK(shoal::isoTimestamp(-1) == "1969-12-31T23:59:59.999");
}
