// The whole request path: Engine::execute(operation, body) over a small database with indexes,
// a stream and time to live (fuzz_support.cc), so reads, writes, expressions, updates,
// queries, batches, transactions and PartiQL are all reached from one input.
//
// Input: up to 8 requests separated by NUL bytes. Each request is "OperationName\n{json}" or,
// when it does not start with a known name, one byte choosing the operation and then the body.
//
// Properties, after every request:
//   - the response is valid UTF-8 JSON; an error is {"__type", "message"} with HTTP 400, and
//     never InternalServerError (not even inside BatchExecuteStatement's per-statement errors);
//   - a refused request changed nothing (the catalog's digest is the same);
//   - every secondary index holds exactly what its table's rows imply.
// At the end: the durability log replays into a fresh engine that equals this one.
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>

#include "api/engine.h"
#include "api/operation.h"
#include "fuzz_support.h"

using namespace shoal;

namespace {

const char* const kOperations[] = {
    "PutItem",          "GetItem",          "UpdateItem",         "DeleteItem",       "Query",
    "Scan",             "BatchGetItem",     "BatchWriteItem",     "TransactGetItems", "TransactWriteItems",
    "ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction", "CreateTable", "DescribeTable",
    "UpdateTable",      "DeleteTable",      "ListTables",         "UpdateTimeToLive", "DescribeTimeToLive",
    "ListStreams",      "DescribeStream",   "GetShardIterator",   "GetRecords",
};

struct Request {
  std::string operation;
  std::string_view body;
};

Request decode(std::string_view piece) {
  size_t newline = piece.find('\n');
  if (newline != std::string_view::npos && newline < 40) {
    std::string name(piece.substr(0, newline));
    if (findOperation(name)) return {name, piece.substr(newline + 1)};
  }
  if (piece.empty()) return {kOperations[0], piece};
  return {kOperations[static_cast<uint8_t>(piece[0]) % std::size(kOperations)], piece.substr(1)};
}

// The error type without its namespace ("com.amazonaws.dynamodb.v20120810#").
std::string shortType(const JsonValue& type) {
  std::string t(type.GetString(), type.GetStringLength());
  size_t hash = t.find('#');
  return hash == std::string::npos ? t : t.substr(hash + 1);
}

void checkResponse(const Request& req, const Response& r, const std::string& context) {
  JsonDocument doc;
  fuzz::check(fuzz::isValidJson(r.body, doc) && doc.IsObject(), "response is not valid UTF-8 JSON: " + context, r.body);
  if (r.status == 200) {
    // BatchExecuteStatement reports each statement's failure inside a 200 response.
    if (req.operation == "BatchExecuteStatement" && doc.HasMember("Responses") && doc["Responses"].IsArray())
      for (const JsonValue& one : doc["Responses"].GetArray())
        if (one.IsObject() && one.HasMember("Error") && one["Error"].HasMember("Code"))
          fuzz::check(std::string_view(one["Error"]["Code"].GetString()) != "InternalServerError",
                      "BatchExecuteStatement statement failed internally: " + context, r.body);
    return;
  }
  fuzz::check(r.status == 400, "error with HTTP status " + std::to_string(r.status) + ": " + context, r.body);
  fuzz::check(doc.HasMember("__type") && doc["__type"].IsString(), "error without __type: " + context, r.body);
  std::string type = shortType(doc["__type"]);
  fuzz::check(type != "InternalServerError", "InternalServerError: " + context, r.body);
  fuzz::check(doc.HasMember("message") || doc.HasMember("Message"), "error without a message: " + context, r.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;  // beyond what finds new paths; keeps each run fast
  std::string_view input(reinterpret_cast<const char*>(data), size);
  Engine engine;
  engine.enableLog();
  fuzz::createSchema(engine);
  int64_t now = fuzz::kNow;
  for (std::string_view piece : fuzz::splitOnNul(input, 8)) {
    Request req = decode(piece);
    now += 1000;  // time moves, so tokens, iterators and TTL see it
    engine.sweepExpired(now);
    std::string before = fuzz::catalogDigest(engine.catalog());
    Response r = engine.execute(req.operation, req.body, now);
    std::string context = req.operation + " " + std::string(req.body);
    checkResponse(req, r, context);
    if (r.status != 200)
      fuzz::check(fuzz::catalogDigest(engine.catalog()) == before, "a refused request changed the database: " + context,
                  r.body);
    fuzz::checkIndexes(engine.catalog());
  }

  // Every state the API can reach must come back from its own log.
  Engine reopened;
  storage::RecoveryResult rec = reopened.open(std::vector<std::string_view>{}, engine.takeLogRecords());
  fuzz::check(rec.ok && rec.stop == storage::LogStop::End, "own log does not replay: " + rec.stopDetail);
  fuzz::check(fuzz::catalogDigest(reopened.catalog()) == fuzz::catalogDigest(engine.catalog()),
              "replayed log differs from the state that wrote it");
  return 0;
}
