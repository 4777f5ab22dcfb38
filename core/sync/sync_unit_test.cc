#include "sync/sync_unit.h"

#include <catch2/catch_test_macros.hpp>

#include "storage/decode_error.h"

using namespace shoal;
using namespace shoal::sync;

TEST_CASE("Units round-trip through their encoding", "[sync][unit]") {
  Unit u;
  u.origin = 7;
  u.hlc = 1000;
  u.previous = 900;
  u.deps.set(3, 500);
  u.deps.set(9, 12);
  KeyDelta put{"Orders", "\x01key\x00\x01", Replace::Put, u.stamp(), {}};
  put.registers["a"] = Register{u.stamp(), AttributeValue::string("x")};
  put.registers["n"] = Register{u.stamp(), AttributeValue::number(Number::parse("12.5"))};
  KeyDelta update{"Orders", "k2", Replace::None, {}, {}};
  update.registers["gone"] = Register{u.stamp(), std::nullopt};
  update.registers["other"] = Register{Stamp{5, 2}, AttributeValue::boolean(true)};  // a state-transfer stamp
  u.writes = {put, update, KeyDelta{"Orders", "k3", Replace::Delete, u.stamp(), {}}};

  std::string bytes = encodeUnit(u);
  Unit back = decodeUnit(bytes);
  CHECK(back.origin == 7);
  CHECK(back.hlc == 1000);
  CHECK(back.previous == 900);
  CHECK(back.deps == u.deps);
  REQUIRE(back.writes.size() == 3);
  CHECK(back.writes[0] == u.writes[0]);
  CHECK(back.writes[1] == u.writes[1]);
  CHECK(back.writes[2] == u.writes[2]);
  CHECK(encodeUnit(back) == bytes);
}

TEST_CASE("Malformed units are refused, never half-read", "[sync][unit]") {
  Unit u;
  u.origin = 2;
  u.hlc = 50;
  KeyDelta d{"T", "k", Replace::None, {}, {}};
  d.registers["a"] = Register{u.stamp(), AttributeValue::string("v")};
  u.writes.push_back(d);
  std::string bytes = encodeUnit(u);
  for (size_t cut = 0; cut < bytes.size(); ++cut)
    CHECK_THROWS_AS(decodeUnit(bytes.substr(0, cut)), storage::DecodeError);
  CHECK_THROWS_AS(decodeUnit(bytes + "x"), storage::DecodeError);
  std::string newer = bytes;
  newer[0] = 9;
  try {
    decodeUnit(newer);
    FAIL("a newer unit format was accepted");
  } catch (const storage::DecodeError& e) {
    CHECK(e.failure() == storage::DecodeFailure::UnsupportedVersion);
  }
  Unit backwards = u;
  backwards.previous = 60;  // a predecessor after the unit itself
  CHECK_THROWS_AS(decodeUnit(encodeUnit(backwards)), storage::DecodeError);
}
