#include "storage/snapshot.h"

#include <catch2/catch_test_macros.hpp>

#include "storage/coding.h"
#include "storage/crc32c.h"
#include "storage/snapshot_format.h"
#include "storage/storage_test_util.h"

using namespace shoal;
using namespace shoal::storage;
using namespace shoal::storage::testing;

TEST_CASE("A snapshot loads into an identical catalog", "[storage][snapshot]") {
  Engine e(77);
  buildState(e, 200);
  std::string snap = writeSnapshot(e.catalog(), {123, e.catalog().clock().last()});

  Catalog loaded(1);
  SnapshotHeader h = loadSnapshot(snap, loaded);
  CHECK(catalogBytes(loaded) == catalogBytes(e.catalog()));
  CHECK(h.position.sequence == 123);
  CHECK(loaded.siteId() == 77);
  CHECK(loaded.clock().last() == e.catalog().clock().last());
  CHECK(loaded.tables().size() == 2);
  CHECK(loaded.require("Orders").sizeBytes() == e.catalog().require("Orders").sizeBytes());
  // Deterministic: the same state gives the same bytes.
  CHECK(writeSnapshot(loaded, {123, loaded.clock().last()}) == snap);
}

TEST_CASE("An empty catalog makes a small valid snapshot", "[storage][snapshot]") {
  Catalog empty(9);
  std::string snap = writeSnapshot(empty, {0, 0});
  CHECK(snap.size() < 100);
  Catalog loaded(1);
  loadSnapshot(snap, loaded);
  CHECK(loaded.tables().empty());
  CHECK(loaded.siteId() == 9);
}

TEST_CASE("zstd compresses repetitive snapshots", "[storage][snapshot]") {
  Engine e;
  buildState(e, 2000);
  std::string snap = writeSnapshot(e.catalog(), {0, 0});
  SnapshotHeader h = readSnapshotHeader(snap);
  INFO("raw " << h.rawBytes << " stored " << h.storedBytes);
  CHECK(h.rawBytes > 300'000);  // more than one encode chunk: streaming compression is exercised
  CHECK(h.storedBytes * 5 < h.rawBytes);
  CHECK(snap.size() == kSnapshotHeaderBytes + h.storedBytes + kSnapshotTrailerBytes);
}

TEST_CASE("A damaged snapshot is refused and leaves the catalog as it was", "[storage][snapshot]") {
  Engine e;
  buildState(e, 40);
  std::string snap = writeSnapshot(e.catalog(), {5, 6});

  Engine other;
  ok(other, "CreateTable", createTableJson("Keep"));
  std::string before = catalogBytes(other.catalog());

  for (size_t byte = 0; byte < snap.size(); ++byte) {
    std::string damaged = snap;
    damaged[byte] ^= static_cast<char>(1 << (byte % 8));
    INFO("byte " << byte);
    CHECK_THROWS_AS(loadSnapshot(damaged, other.catalog()), DecodeError);
  }
  for (size_t size = 0; size < snap.size(); size += 1 + size / 4) {
    INFO("size " << size);
    CHECK_THROWS_AS(loadSnapshot(std::string_view(snap).substr(0, size), other.catalog()), DecodeError);
  }
  CHECK_THROWS_AS(loadSnapshot(snap + "x", other.catalog()), DecodeError);
  CHECK(catalogBytes(other.catalog()) == before);
}

TEST_CASE("A snapshot from a newer version is refused as such", "[storage][snapshot]") {
  Catalog c(1);
  std::string snap = writeSnapshot(c, {0, 0});
  storeFixed32(&snap[kSnapshotVersionOffset], kSnapshotFormatVersion + 1);
  size_t covered = snap.size() - kSnapshotTrailerBytes;
  storeFixed32(&snap[covered], crc32c(std::string_view(snap).substr(0, covered)));
  try {
    readSnapshotHeader(snap);
    FAIL("accepted");
  } catch (const DecodeError& e) {
    CHECK(e.failure() == DecodeFailure::UnsupportedVersion);
  }
}

TEST_CASE("A checksum-valid snapshot with a bad body is refused", "[storage][snapshot]") {
  Catalog c(1);
  std::string snap = writeSnapshot(c, {0, 0});
  auto reseal = [](std::string& s) {
    size_t covered = s.size() - kSnapshotTrailerBytes;
    storeFixed32(&s[covered], crc32c(std::string_view(s).substr(0, covered)));
  };
  SECTION("raw size disagrees") {
    storeFixed64(&snap[kSnapshotRawSizeOffset], 1000);
    reseal(snap);
    CHECK_THROWS_AS(loadSnapshot(snap, c), DecodeError);
  }
  SECTION("huge raw size") {
    storeFixed64(&snap[kSnapshotRawSizeOffset], ~uint64_t(0));
    reseal(snap);
    CHECK_THROWS_AS(loadSnapshot(snap, c), DecodeError);
  }
  SECTION("not zstd") {
    snap[kSnapshotHeaderBytes] ^= 0x55;
    reseal(snap);
    CHECK_THROWS_AS(loadSnapshot(snap, c), DecodeError);
  }
}

TEST_CASE("Secondary indexes are rebuilt from the items when a snapshot loads", "[storage][snapshot]") {
  Catalog live(1);
  TableSchema schema;
  schema.name = "Things";
  schema.key.hash = {"pk", Type::S};
  schema.attributeDefinitions = {{"pk", Type::S}, {"g", Type::N}};
  IndexSchema gsi;
  gsi.name = "byG";
  gsi.key.hash = {"g", Type::N};
  schema.indexes.push_back(gsi);
  Table& table = live.create(schema);
  for (int i = 0; i < 50; ++i) {
    Item item{{"pk", AttributeValue::string("k" + std::to_string(i))}};
    if (i % 3) item.emplace("g", AttributeValue::number(Number::fromInt(i % 5)));  // sparse index
    table.put(table.keyOfItem(item), StoredItem::fromItem(item, Stamp{1, 1}));
  }
  Catalog loaded(1);
  loadSnapshot(writeSnapshot(live, {0, 0}), loaded);
  const Table& back = loaded.require("Things");
  REQUIRE(back.indexes().size() == 1);
  CHECK(back.indexes()[0].schema().name == "byG");
  const auto& want = table.indexes()[0].entries();
  const auto& got = back.indexes()[0].entries();
  REQUIRE(got.size() == want.size());
  CHECK(got.size() == 33);
  for (auto a = want.begin(), b = got.begin(); a != want.end(); ++a, ++b) {
    CHECK(a->first == b->first);
    CHECK(a->second.tableKey == b->second.tableKey);
    CHECK(a->second.projectedBytes == b->second.projectedBytes);
  }
  CHECK(back.indexes()[0].sizeBytes() == table.indexes()[0].sizeBytes());
}
