// A small harness for operation tests: runs requests through Engine::execute and parses the
// response, so tests read like the DynamoDB calls they pin.
#pragma once
#include <catch2/catch_test_macros.hpp>
#include <string>

#include "api/engine.h"
#include "json/json.h"

namespace shoal::testing {

struct TestDb {
  Engine engine;
  int64_t now = 1'700'000'000'000;

  Response call(const char* op, const std::string& body) { return engine.execute(op, body, now); }

  JsonDocument ok(const char* op, const std::string& body) {
    Response r = call(op, body);
    INFO(op << " " << body << " -> " << r.body);
    REQUIRE(r.status == 200);
    JsonDocument d;
    d.Parse(r.body.c_str());
    return d;
  }

  // "Type: message" of a request that must fail.
  std::string err(const char* op, const std::string& body) {
    Response r = call(op, body);
    INFO(op << " " << body << " -> " << r.body);
    REQUIRE(r.status != 200);
    JsonDocument d;
    d.Parse(r.body.c_str());
    std::string type = d["__type"].GetString();
    // A few types (TransactionCanceledException, ...) spell the member "Message", as DynamoDB does.
    const char* message = d.HasMember("message") ? d["message"].GetString() : d["Message"].GetString();
    return type.substr(type.find('#') + 1) + ": " + message;
  }

  JsonDocument errDoc(const char* op, const std::string& body) {
    Response r = call(op, body);
    REQUIRE(r.status != 200);
    JsonDocument d;
    d.Parse(r.body.c_str());
    return d;
  }

  // A PAY_PER_REQUEST table keyed by pk (S) and, when given, sk of type skType.
  void createTable(const std::string& name, const char* skType = nullptr) {
    std::string keys = R"([{"AttributeName":"pk","KeyType":"HASH"})";
    std::string defs = R"([{"AttributeName":"pk","AttributeType":"S"})";
    if (skType) {
      keys += R"(,{"AttributeName":"sk","KeyType":"RANGE"})";
      defs += std::string(R"(,{"AttributeName":"sk","AttributeType":")") + skType + R"("})";
    }
    ok("CreateTable", R"({"TableName":")" + name + R"(","KeySchema":)" + keys + "]," + R"("AttributeDefinitions":)" +
                          defs + R"(],"BillingMode":"PAY_PER_REQUEST"})");
  }
};

}  // namespace shoal::testing
