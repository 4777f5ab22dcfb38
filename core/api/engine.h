// The one entry point of the engine: execute(operation, request JSON) -> response JSON or a
// DynamoDB error, with the HTTP status DynamoDB would answer. Everything the JS side, the
// HTTP endpoint and the tests do goes through here.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

#include "api/catalog.h"

namespace shoal {

struct Response {
  int status = 200;   // 200, or the error's HTTP status
  std::string body;   // response JSON, or {"__type": ..., "message": ...}
};

class Engine {
 public:
  explicit Engine(uint64_t siteId = 1) : catalog_(siteId) {}

  // Never throws: every failure, including a bug caught as std::exception, becomes an error
  // response, and validation happens before any state changes.
  Response execute(std::string_view operation, std::string_view requestJson, int64_t nowMillis);

  Catalog& catalog() { return catalog_; }

 private:
  Catalog catalog_;
};

}  // namespace shoal
