// Helpers shared by the storage tests (header-only: it is not part of the core library).
// Builds realistic state through Engine::execute, and renders a catalog as canonical bytes
// through the codec so two catalogs can be compared byte for byte.
#pragma once
#include <catch2/catch_test_macros.hpp>

#include <string>

#include "api/engine.h"
#include "storage/coding.h"
#include "storage/schema_codec.h"
#include "storage/value_codec.h"

namespace shoal::storage::testing {

constexpr int64_t kNow = 1'700'000'000'000;

inline void ok(Engine& e, const char* op, const std::string& body, int64_t now = kNow) {
  Response r = e.execute(op, body, now);
  INFO(op << " " << body << " -> " << r.body);
  REQUIRE(r.status == 200);
}

inline std::string createTableJson(const std::string& name, bool withRange = true) {
  std::string keys = R"([{"AttributeName":"pk","KeyType":"HASH"})";
  std::string defs = R"([{"AttributeName":"pk","AttributeType":"S"})";
  if (withRange) {
    keys += R"(,{"AttributeName":"sk","KeyType":"RANGE"})";
    defs += R"(,{"AttributeName":"sk","AttributeType":"N"})";
  }
  return R"({"TableName":")" + name + R"(","KeySchema":)" + keys + R"(],"AttributeDefinitions":)" + defs +
         R"(],"BillingMode":"PAY_PER_REQUEST"})";
}

// An item with every one of the ten types, nested maps and lists included; `i` varies it.
inline std::string itemJson(const std::string& table, int i) {
  std::string n = std::to_string(i);
  return R"({"TableName":")" + table + R"(","Item":{"pk":{"S":"user#)" + std::to_string(i % 7) +
         R"("},"sk":{"N":")" + n + R"("},"name":{"S":"name )" + n + R"( \u00e9\u4e2d"},"score":{"N":"-)" + n +
         R"(.125e-3"},"blob":{"B":"AAECAwQ="},"active":{"BOOL":)" + (i % 2 ? "true" : "false") +
         R"(},"nothing":{"NULL":true},"tags":{"SS":["a","b",")" + n + R"("]},"nums":{"NS":["1","2.5","-)" + n +
         R"("]},"bins":{"BS":["AQ==","Ag=="]},"doc":{"M":{"list":{"L":[{"N":"1"},{"S":"two"},{"M":{"deep":{"L":[{"NULL":true},{"BOOL":false}]}}}]},"empty":{"M":{}}}}}})";
}

inline std::string deleteJson(const std::string& table, int i) {
  return R"({"TableName":")" + table + R"(","Key":{"pk":{"S":"user#)" + std::to_string(i % 7) + R"("},"sk":{"N":")" +
         std::to_string(i) + R"("}}})";
}

// Canonical bytes of everything a catalog stores: schemas, keys, items with their stamps.
inline std::string catalogBytes(const Catalog& catalog) {
  std::string out;
  putVarint(out, catalog.siteId());
  for (const auto& [name, table] : catalog.tables()) {
    encodeSchema(out, table->schema());
    putVarint(out, table->itemCount());
    putVarint(out, table->sizeBytes());
    for (const auto& [key, item] : table->rows()) {
      putBytes(out, key);
      encodeStoredItem(out, item);
      putVarint(out, item.sizeBytes);
    }
    for (const auto& index : table->indexes()) {
      putVarint(out, index.itemCount());
      putVarint(out, index.sizeBytes());
      for (const auto& [indexKey, entry] : index.entries()) {
        putBytes(out, indexKey);
        putBytes(out, entry.tableKey);
      }
    }
  }
  return out;
}

// A database with the log on, several tables, puts, overwrites, deletes and a dropped table.
inline void buildState(Engine& e, int items, int64_t now = kNow) {
  ok(e, "CreateTable", createTableJson("Orders"), now);
  ok(e, "CreateTable", createTableJson("Doomed", false), now);
  ok(e, "CreateTable", createTableJson("Events"), now);
  for (int i = 0; i < items; ++i) {
    ok(e, "PutItem", itemJson("Orders", i), now + i);
    if (i % 3 == 0) ok(e, "PutItem", itemJson("Events", i), now + i);
    if (i % 5 == 0) ok(e, "PutItem", itemJson("Orders", i / 2), now + i);  // overwrite
    if (i % 4 == 1) ok(e, "DeleteItem", deleteJson("Orders", i - 1), now + i);
  }
  ok(e, "PutItem", R"({"TableName":"Doomed","Item":{"pk":{"S":"x"}}})", now);
  ok(e, "DeleteTable", R"({"TableName":"Doomed"})", now);
}

}  // namespace shoal::storage::testing
