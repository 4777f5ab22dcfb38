#include "storage/schema_codec.h"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers.hpp>

using namespace shoal;
using namespace shoal::storage;

TEST_CASE("Table schemas round-trip every field", "[storage][codec]") {
  TableSchema s;
  s.name = "Orders.v2-x_y";
  s.key.hash = {"pk", Type::B};
  s.key.range = KeyAttribute{"sk", Type::N};
  s.attributeDefinitions = {{"pk", Type::B}, {"sk", Type::N}, {"other", Type::S}};
  s.billing = BillingMode::Provisioned;
  s.readCapacity = 5;
  s.writeCapacity = 1'000'000'000'000;
  s.deletionProtection = true;
  s.createdMillis = -12;
  s.tableId = "0b8c6a9e-0000-4000-8000-000000000001";
  IndexSchema gsi;
  gsi.name = "byOther";
  gsi.global = true;
  gsi.key.hash = {"other", Type::S};
  gsi.key.range = KeyAttribute{"sk", Type::N};
  gsi.projection.type = IndexProjection::Type::Include;
  gsi.projection.nonKeyAttributes = {"a", "b"};
  gsi.status = IndexStatus::Creating;
  gsi.readCapacity = 3;
  gsi.writeCapacity = 4;
  gsi.createdMillis = 99;
  IndexSchema lsi;
  lsi.name = "local";
  lsi.global = false;
  lsi.key.hash = {"pk", Type::B};
  lsi.projection.type = IndexProjection::Type::KeysOnly;
  lsi.status = IndexStatus::Deleting;
  s.indexes = {gsi, lsi};
  std::string bytes;
  encodeSchema(bytes, s);
  ByteReader in(bytes);
  TableSchema b = decodeSchema(in);
  CHECK(in.atEnd());
  CHECK(b.name == s.name);
  CHECK(b.key.hash.name == "pk");
  CHECK(b.key.hash.type == Type::B);
  REQUIRE(b.key.range);
  CHECK(b.key.range->name == "sk");
  CHECK(b.key.range->type == Type::N);
  REQUIRE(b.attributeDefinitions.size() == 3);
  CHECK(b.attributeDefinitions[2].name == "other");
  CHECK(b.attributeDefinitions[2].type == Type::S);
  CHECK(b.billing == BillingMode::Provisioned);
  CHECK(b.readCapacity == 5);
  CHECK(b.writeCapacity == 1'000'000'000'000);
  CHECK(b.deletionProtection);
  CHECK(b.createdMillis == -12);
  CHECK(b.tableId == s.tableId);
  REQUIRE(b.indexes.size() == 2);
  CHECK(b.indexes[0].name == "byOther");
  CHECK(b.indexes[0].global);
  CHECK(b.indexes[0].key.hash.name == "other");
  CHECK(b.indexes[0].key.range->type == Type::N);
  CHECK(b.indexes[0].projection.type == IndexProjection::Type::Include);
  CHECK(b.indexes[0].projection.nonKeyAttributes == std::vector<std::string>{"a", "b"});
  CHECK(b.indexes[0].status == IndexStatus::Creating);
  CHECK(b.indexes[0].readCapacity == 3);
  CHECK(b.indexes[0].writeCapacity == 4);
  CHECK(b.indexes[0].createdMillis == 99);
  CHECK_FALSE(b.indexes[1].global);
  CHECK_FALSE(b.indexes[1].key.range);
  CHECK(b.indexes[1].projection.type == IndexProjection::Type::KeysOnly);
  CHECK(b.indexes[1].status == IndexStatus::Deleting);
  std::string again;
  encodeSchema(again, b);
  CHECK(again == bytes);

  s.key.range.reset();
  s.billing = BillingMode::PayPerRequest;
  bytes.clear();
  encodeSchema(bytes, s);
  ByteReader in2(bytes);
  TableSchema c = decodeSchema(in2);
  CHECK(!c.key.range);
  CHECK(c.billing == BillingMode::PayPerRequest);
}

TEST_CASE("Stream and time-to-live settings round-trip, and absent sections read as defaults", "[storage][codec]") {
  TableSchema s;
  s.name = "Things";
  s.key.hash = {"pk", Type::S};
  std::string plain;
  encodeSchema(plain, s);
  s.stream = {true, "NEW_AND_OLD_IMAGES", 1234};
  s.ttl = {true, "expiresAt"};
  std::string full;
  encodeSchema(full, s);
  CHECK(full.size() > plain.size());
  ByteReader in(full);
  TableSchema b = decodeSchema(in);
  CHECK(in.atEnd());
  CHECK(b.stream.enabled);
  CHECK(b.stream.viewType == "NEW_AND_OLD_IMAGES");
  CHECK(b.stream.createdMillis == 1234);
  CHECK(b.ttl.enabled);
  CHECK(b.ttl.attribute == "expiresAt");

  ByteReader in2(plain);
  TableSchema c = decodeSchema(in2);
  CHECK_FALSE(c.stream.enabled);
  CHECK(c.ttl.attribute.empty());
  CHECK(c.indexes.empty());

  // A section this build does not know is a newer file, not damage.
  std::string future = plain;
  future.back() = 1;  // one section
  future += std::string("\x09\x01\x00", 3);
  ByteReader in3(future);
  try {
    decodeSchema(in3);
    FAIL("accepted");
  } catch (const DecodeError& e) {
    CHECK(e.failure() == DecodeFailure::UnsupportedVersion);
  }
}

#if defined(__x86_64__) && defined(__GLIBCXX__)
// A tripwire, not a spec: when one of these sizes changes, a field was added to a schema
// struct, and storage/schema_codec.cc (encodeSchema/decodeSchema) and storage/FORMAT.md must
// learn it, or the field is lost at the next restart. Then update the numbers here.
TEST_CASE("The schema codec knows every field of the schema structs", "[storage][codec]") {
  CHECK(sizeof(TableSchema) == 448);
  CHECK(sizeof(ResourceTag) == 64);
  CHECK(sizeof(IndexSchema) == 192);
  CHECK(sizeof(StreamSettings) == 48);
  CHECK(sizeof(TimeToLive) == 40);
  CHECK(sizeof(KeySchema) == 88);
  CHECK(sizeof(PointInTimeRecovery) == 24);
  CHECK(sizeof(RestoreSource) == 72);
}
#endif

TEST_CASE("A schema whose table or index name CreateTable would refuse does not decode", "[storage][codec]") {
  // Checksums only prove the bytes are the ones written; a crafted file can still carry a name
  // that no request could address, so the decoder holds names to CreateTable's rule.
  TableSchema s;
  s.name = "Si$ple";
  s.key.hash = {"pk", Type::S};
  std::string bytes;
  encodeSchema(bytes, s);
  ByteReader badTable(bytes);
  CHECK_THROWS_WITH(decodeSchema(badTable), "invalid table name");

  s.name = "Simple";
  IndexSchema index;
  index.name = "ix";  // two characters: below the 3-character minimum
  index.key.hash = {"pk", Type::S};
  s.indexes.push_back(index);
  bytes.clear();
  encodeSchema(bytes, s);
  ByteReader badIndex(bytes);
  CHECK_THROWS_WITH(decodeSchema(badIndex), "invalid index name");
}
