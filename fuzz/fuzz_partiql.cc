// The PartiQL parser (core/partiql/) and what turns a parsed write into the expression text the
// item operations compile (api/partiql_write.h, partiql/expression_writer.h).
//
// Input: the statement text up to a NUL, then a recipe for its Parameters: one byte adding
// -1, 0 or +1 parameters to the number of '?' in the text, then one byte per parameter picking
// a value from the palette (past the recipe's end, the palette in order).
//
// Properties:
//   - parseStatement either succeeds or throws a ValidationException;
//   and for statements of valid UTF-8 (what a JSON request can carry):
//   - a parsed INSERT, UPDATE, DELETE or EXISTS, planned against the fuzz schema, is either
//     refused with a DynamoDB error or yields expression text with substitutions that the
//     expression engine reads back: no syntax error, no undefined or unused placeholder;
//   - the statement run through Engine::execute(ExecuteStatement / ExecuteTransaction) is
//     answered, and never with InternalServerError.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/engine.h"
#include "api/error.h"
#include "api/expression_params.h"
#include "api/partiql_write.h"
#include "expr/condition.h"
#include "expr/update.h"
#include "fuzz_support.h"
#include "json/wire_value.h"
#include "partiql/parser.h"

using namespace shoal;

namespace {

std::vector<AttributeValue> makeParameters(std::string_view text, std::string_view recipe) {
  size_t count = 0;
  for (char c : text) count += c == '?';
  if (!recipe.empty()) {
    int delta = static_cast<uint8_t>(recipe[0]) % 3 - 1;
    if (delta < 0 && count > 0) --count;
    if (delta > 0) ++count;
    recipe.remove_prefix(1);
  }
  std::vector<AttributeValue> params;
  const auto& palette = fuzz::valuePalette();
  for (size_t i = 0; i < count && i < 200; ++i)
    params.push_back(palette[(i < recipe.size() ? static_cast<uint8_t>(recipe[i]) : i) % palette.size()]);
  return params;
}

bool isReadBackFailure(const std::string& message) {
  for (const char* bad : {"Syntax error", "is not defined", "unused in expressions", "Invalid ExpressionAttribute"})
    if (message.find(bad) != std::string::npos) return true;
  return false;
}

// The planned write's members as the item operation receives them, compiled as it compiles them.
void checkReadBack(const WriteRequest& write, std::string_view input) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  write.writeMembers(w);
  w.EndObject();
  JsonDocument doc;
  fuzz::check(fuzz::isValidJson({buf.GetString(), buf.GetSize()}, doc), "planned write is not valid JSON", input);
  RequestReader request(doc);
  try {
    ExpressionParams params(request, {"UpdateExpression", "ConditionExpression"}, {});
    if (!write.updateExpression.empty()) expr::UpdateExpression::compile(write.updateExpression, params.context());
    if (!write.conditionExpression.empty())
      expr::Condition::compile(write.conditionExpression, expr::ExprKind::Condition, params.context());
    params.finish();
  } catch (const ApiError& e) {
    fuzz::check(e.type() == "ValidationException" && !isReadBackFailure(e.what()),
                std::string("planned expression does not read back: ") + e.what(), buf.GetString());
  }
}

void checkAnswered(Engine& engine, const char* operation, const std::string& body, std::string_view input) {
  Response r = engine.execute(operation, body, fuzz::kNow);
  JsonDocument doc;
  fuzz::check(fuzz::isValidJson(r.body, doc), std::string(operation) + " answered invalid JSON", r.body);
  fuzz::check(r.status == 200 || r.status == 400, std::string(operation) + " answered HTTP " +
                                                     std::to_string(r.status), r.body);
  fuzz::check(r.body.find("#InternalServerError\"") == std::string::npos, std::string(operation) + " failed internally",
              r.body);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 16 * 1024) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  std::vector<std::string_view> parts = fuzz::splitOnNul(input, 2);
  std::string_view text = parts[0];
  std::vector<AttributeValue> params = makeParameters(text, parts.size() > 1 ? parts[1] : std::string_view());

  partiql::Statement statement;
  try {
    statement = partiql::parseStatement(text, params);
  } catch (const ApiError& e) {
    fuzz::check(e.type() == "ValidationException", "unexpected " + e.type() + ": " + e.what(), input);
    return 0;
  } catch (const std::exception& e) {
    fuzz::fail(std::string("exception escaped the parser: ") + e.what(), input);
  }

  // A statement reaches the engine inside a JSON request, which is valid UTF-8; other bytes
  // only exercise the parser.
  JsonDocument utf8Check;
  rapidjson::StringBuffer quoted;
  JsonWriter q(quoted);
  writeString(q, text);
  if (!fuzz::isValidJson({quoted.GetString(), quoted.GetSize()}, utf8Check)) return 0;

  Engine engine;
  fuzz::createSchema(engine);
  if (!std::holds_alternative<partiql::SelectStatement>(statement)) {
    for (partiql::KeyRule rule : {partiql::KeyRule::Strict, partiql::KeyRule::Lenient}) {
      partiql::Statement copy = partiql::parseStatement(text, params);
      try {
        WriteRequest write = planWrite(engine.catalog(), copy, rule);
        checkReadBack(write, input);
      } catch (const ApiError& e) {
        fuzz::check(e.type() != "InternalServerError", std::string("planning failed internally: ") + e.what(), input);
      }
    }
  }

  // The same statement through the request path, alone and as a one-statement transaction.
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  writeKey(w, "Statement");
  writeString(w, text);
  if (!params.empty()) {
    writeKey(w, "Parameters");
    w.StartArray();
    for (const AttributeValue& v : params) writeAttributeValue(w, v);
    w.EndArray();
  }
  w.EndObject();
  std::string single = buf.GetString();
  checkAnswered(engine, "ExecuteStatement", single, input);
  checkAnswered(engine, "ExecuteTransaction", R"({"TransactStatements":[)" + single + "]}", input);
  return 0;
}
