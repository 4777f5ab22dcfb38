// ExecuteStatement, BatchExecuteStatement and ExecuteTransaction: DynamoDB's PartiQL. Each
// statement is parsed (partiql/) into the expression engine's trees and runs as the
// operation it stands for: SELECT through Query's and Scan's pages (api/partiql_read.h), the
// writes as PutItem, UpdateItem and DeleteItem (api/partiql_write.h), a transaction as one
// TransactGetItems or TransactWriteItems, so every rule those operations enforce holds here.
#include <optional>
#include <string>
#include <vector>

#include "api/cancellation.h"
#include "api/capacity.h"
#include "api/error.h"
#include "api/limits.h"
#include "api/partiql_calls.h"
#include "api/partiql_read.h"
#include "api/partiql_write.h"
#include "api/table_capacities.h"
#include "api/violations.h"
#include "json/wire_value.h"
#include "partiql/checks.h"
#include "partiql/next_token.h"
#include "partiql/parser.h"

namespace shoal {
namespace {

struct ParsedStatement {
  std::string text;
  std::vector<AttributeValue> parameters;
  std::optional<partiql::Statement> statement;
};

// Member constraints of one statement object (ExecuteStatement's request itself, or a member
// of Statements/TransactStatements at `path`, e.g. "statements.1.member.").
void checkStatementMembers(const RequestReader& r, const std::string& path, Violations& v) {
  auto text = r.string("Statement");
  v.notNull(text.has_value(), path + "statement");
  if (text && text->empty()) v.add("''", path + "statement", "Member must have length greater than or equal to 1");
  if (text && text->size() > limits::kMaxStatementLength)
    v.add("'" + *text + "'", path + "statement",
          "Member must have length less than or equal to " + std::to_string(limits::kMaxStatementLength));
  if (const JsonValue* params = r.array("Parameters"); params && params->Empty())
    v.add("'[]'", path + "parameters", "Member must have length greater than or equal to 1");
  if (auto rv = r.string("ReturnValuesOnConditionCheckFailure"); rv && *rv != "ALL_OLD" && *rv != "NONE")
    v.add("'" + *rv + "'", path + "returnValuesOnConditionCheckFailure",
          "Member must satisfy enum value set: [ALL_OLD, NONE]");
}

std::vector<AttributeValue> readParameters(const RequestReader& r) {
  std::vector<AttributeValue> out;
  if (const JsonValue* params = r.array("Parameters"))
    for (const JsonValue& p : params->GetArray()) out.push_back(parseAttributeValue(p));
  return out;
}

const JsonValue& objectElement(const JsonValue& v) {
  if (v.IsObject()) return v;
  if (v.IsArray()) throw ApiError::serialization("Start of list found where not expected");
  throw ApiError::serialization(std::string("Unexpected value type in payload: ") + jsonKindName(v));
}

bool isRead(const partiql::Statement& s) { return std::holds_alternative<partiql::SelectStatement>(s); }

std::string tableOf(const partiql::Statement& s) {
  return std::visit(
      [](const auto& st) -> std::string {
        using S = std::decay_t<decltype(st)>;
        if constexpr (std::is_same_v<S, partiql::SelectStatement>) {
          return st.from.table;
        } else if constexpr (std::is_same_v<S, partiql::ExistsStatement>) {
          return st.select.from.table;
        } else {
          return st.table;
        }
      },
      s);
}

partiql::Returning returningOf(const partiql::Statement& s) {
  if (const auto* u = std::get_if<partiql::UpdateStatement>(&s)) return u->returning;
  if (const auto* d = std::get_if<partiql::DeleteStatement>(&s)) return d->returning;
  return partiql::Returning::None;
}

[[noreturn]] void refuseExistsOutsideTransaction() {
  throw ApiError::validation("EXISTS can only be used in ExecuteTransaction write requests.");
}

// The items a write returns (RETURNING), from its operation's Attributes.
std::optional<Item> returnedItem(const WriteRequest& w, const JsonDocument& response) {
  if (w.returning == partiql::Returning::None || !response.HasMember("Attributes")) return std::nullopt;
  return parseAttributeMap(response["Attributes"]);
}

double capacityUnits(const JsonDocument& response) {
  if (!response.HasMember("ConsumedCapacity")) return 0;
  return response["ConsumedCapacity"]["CapacityUnits"].GetDouble();
}

}  // namespace

// ---- ExecuteStatement

void executeStatement(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  checkStatementMembers(req, "", v);
  auto limit = req.integer("Limit");
  if (limit && *limit < 1)
    v.add("'" + std::to_string(*limit) + "'", "limit", "Member must have value greater than or equal to 1");
  auto nextToken = req.string("NextToken");
  if (nextToken && nextToken->empty()) v.add("''", "nextToken", "Member must have length greater than or equal to 1");
  if (nextToken && nextToken->size() > limits::kMaxNextTokenLength)
    v.add("'" + *nextToken + "'", "nextToken",
          "Member must have length less than or equal to " + std::to_string(limits::kMaxNextTokenLength));
  CapacityDetail capacity = readReturnConsumedCapacity(req, v);
  v.throwIfAny();

  std::string text = *req.string("Statement");
  std::vector<AttributeValue> parameters = readParameters(req);
  partiql::Statement statement = partiql::parseStatement(text, parameters);
  bool consistent = req.boolean("ConsistentRead").value_or(false);
  auto returnCapacity = capacity == CapacityDetail::None ? std::nullopt : req.string("ReturnConsumedCapacity");

  if (auto* select = std::get_if<partiql::SelectStatement>(&statement)) {
    SelectOptions options;
    options.consistent = consistent;
    options.limit = limit;
    options.nextToken = nextToken;
    options.returnConsumedCapacity = returnCapacity;
    options.fingerprint = partiql::statementFingerprint(text, parameters);
    executeSelect(ctx, *select, options);
    return;
  }
  if (std::holds_alternative<partiql::ExistsStatement>(statement)) refuseExistsOutsideTransaction();

  WriteRequest write = planWrite(ctx.catalog, statement, partiql::KeyRule::Strict);
  WriteOptions options{returnCapacity, req.string("ReturnValuesOnConditionCheckFailure")};
  JsonDocument response = executeWrite(ctx, write, options);
  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "Items");
  w.StartArray();
  if (auto item = returnedItem(write, response)) writeAttributeMap(w, *item);
  w.EndArray();
  if (response.HasMember("ConsumedCapacity")) {
    writeKey(w, "ConsumedCapacity");
    response["ConsumedCapacity"].Accept(w);
  }
  w.EndObject();
}

// ---- BatchExecuteStatement

namespace {

const char* batchErrorCode(const std::string& type) {
  static const std::pair<const char*, const char*> kCodes[] = {
      {"ValidationException", "ValidationError"},
      {"ConditionalCheckFailedException", "ConditionalCheckFailed"},
      {"DuplicateItemException", "DuplicateItem"},
      {"ResourceNotFoundException", "ResourceNotFound"},
      {"TransactionConflictException", "TransactionConflict"},
      {"ItemCollectionSizeLimitExceededException", "ItemCollectionSizeLimitExceeded"},
      {"ProvisionedThroughputExceededException", "ProvisionedThroughputExceeded"},
      {"RequestLimitExceeded", "RequestLimitExceeded"},
      {"ThrottlingException", "ThrottlingError"},
      {"AccessDeniedException", "AccessDenied"},
  };
  for (const auto& [t, code] : kCodes)
    if (type == t) return code;
  return "InternalServerError";
}

struct BatchResult {
  std::optional<std::string> table;
  std::optional<Item> item;
  std::optional<ApiError> error;
};

}  // namespace

void batchExecuteStatement(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  const JsonValue* statements = req.array("Statements");
  v.notNull(statements != nullptr, "statements");
  if (statements && statements->Empty())
    v.add("'[]'", "statements", "Member must have length greater than or equal to 1");
  if (statements && statements->Size() > limits::kMaxBatchStatements)
    v.addUnshown("statements",
                 "Member must have length less than or equal to " + std::to_string(limits::kMaxBatchStatements));
  std::vector<const JsonValue*> members;
  if (statements && statements->Size() <= limits::kMaxBatchStatements) {
    size_t index = 0;
    for (const JsonValue& element : statements->GetArray()) {
      const JsonValue& m = objectElement(element);
      checkStatementMembers(RequestReader(m), "statements." + std::to_string(++index) + ".member.", v);
      members.push_back(&m);
    }
  }
  CapacityDetail capacity = readReturnConsumedCapacity(req, v);
  v.throwIfAny();

  // Each statement fails on its own: its error is its response.
  std::vector<BatchResult> results(members.size());
  std::vector<std::optional<partiql::Statement>> parsed(members.size());
  bool anyRead = false, anyWrite = false;
  for (size_t i = 0; i < members.size(); ++i) {
    RequestReader r(*members[i]);
    try {
      std::vector<AttributeValue> parameters = readParameters(r);
      parsed[i] = partiql::parseStatement(*r.string("Statement"), parameters);
      results[i].table = tableOf(*parsed[i]);
      (isRead(*parsed[i]) ? anyRead : anyWrite) = true;
    } catch (const ApiError& e) {
      if (e.type() == "SerializationException") throw;
      results[i].error = e;
    }
  }
  if (anyRead && anyWrite)
    throw ApiError::validation("The entire batch must consist of either read statements or write statements, you "
                               "cannot mix both in one batch.");

  TableCapacities consumed;
  for (size_t i = 0; i < members.size(); ++i) {
    if (!parsed[i]) continue;
    RequestReader r(*members[i]);
    partiql::Statement& statement = *parsed[i];
    try {
      if (auto* select = std::get_if<partiql::SelectStatement>(&statement)) {
        KeyedRead read = readByKey(ctx, *select, r.boolean("ConsistentRead").value_or(false), "BatchExecuteStatement");
        results[i].item = std::move(read.item);
        consumed.addRead(select->from.table, read.capacityUnits);
        continue;
      }
      if (std::holds_alternative<partiql::ExistsStatement>(statement)) refuseExistsOutsideTransaction();
      WriteRequest write = planWrite(ctx.catalog, statement, partiql::KeyRule::Strict);
      JsonDocument response =
          executeWrite(ctx, write, WriteOptions{std::string("TOTAL"), r.string("ReturnValuesOnConditionCheckFailure")});
      results[i].item = returnedItem(write, response);
      consumed.addWrite(write.table, capacityUnits(response));
    } catch (const ApiError& e) {
      results[i].error = e;
    }
  }

  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "Responses");
  w.StartArray();
  for (const BatchResult& result : results) {
    w.StartObject();
    if (result.error) {
      writeKey(w, "Error");
      w.StartObject();
      writeKey(w, "Code");
      writeString(w, batchErrorCode(result.error->type()));
      writeKey(w, "Message");
      writeString(w, result.error->what());
      if (result.error->item()) {
        writeKey(w, "Item");
        writeAttributeMap(w, *result.error->item());
      }
      w.EndObject();
    }
    if (result.table) {
      writeKey(w, "TableName");
      writeString(w, *result.table);
    }
    if (result.item) {
      writeKey(w, "Item");
      writeAttributeMap(w, *result.item);
    }
    w.EndObject();
  }
  w.EndArray();
  consumed.write(w, capacity);
  w.EndObject();
}

// ---- ExecuteTransaction

namespace {

// Refusals of one statement name it: "Validation failed in TransactStatements[2]: ...".
template <typename F>
auto forStatement(size_t index, F f) -> decltype(f()) {
  try {
    return f();
  } catch (const ApiError& e) {
    if (e.type() != "ValidationException") throw;
    throw ApiError::validation("Validation failed in TransactStatements[" + std::to_string(index) + "]: " + e.what());
  }
}

// TransactWriteItems reports an INSERT's failed attribute_not_exists as ConditionalCheckFailed;
// DynamoDB's PartiQL reports it as DuplicateItem.
ApiError withDuplicateItems(const ApiError& e, const std::vector<WriteRequest>& writes) {
  std::vector<CancellationReason> reasons;
  for (const auto& [name, json] : e.members()) {
    if (name != "CancellationReasons") continue;
    JsonDocument d;
    d.Parse(json.data(), json.size());
    for (const JsonValue& r : d.GetArray()) {
      CancellationReason reason;
      reason.code = r["Code"].GetString();
      if (r.HasMember("Message")) reason.message = r["Message"].GetString();
      if (r.HasMember("Item")) reason.item = parseAttributeMap(r["Item"]);
      reasons.push_back(std::move(reason));
    }
  }
  if (reasons.size() != writes.size()) return e;
  for (size_t i = 0; i < reasons.size(); ++i) {
    if (writes[i].kind == WriteRequest::Kind::Put && reasons[i].code == "ConditionalCheckFailed") {
      reasons[i].code = "DuplicateItem";
      reasons[i].message = duplicateItem().what();
      reasons[i].item.reset();
    }
  }
  return transactionCanceled(reasons);
}

void writeCapacityOf(JsonWriter& w, const JsonDocument& response) {
  if (response.HasMember("ConsumedCapacity")) {
    writeKey(w, "ConsumedCapacity");
    response["ConsumedCapacity"].Accept(w);
  }
}

}  // namespace

void executeTransaction(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  auto token = req.string("ClientRequestToken");
  if (token && token->empty()) v.add("''", "clientRequestToken", "Member must have length greater than or equal to 1");
  if (token && token->size() > limits::kClientRequestTokenMax)
    v.add("'" + *token + "'", "clientRequestToken",
          "Member must have length less than or equal to " + std::to_string(limits::kClientRequestTokenMax));
  CapacityDetail capacity = readReturnConsumedCapacity(req, v);
  const JsonValue* statements = req.array("TransactStatements");
  v.notNull(statements != nullptr, "transactStatements");
  if (statements && statements->Empty())
    v.add("'[]'", "transactStatements", "Member must have length greater than or equal to 1");
  if (statements && statements->Size() > limits::kMaxTransactionStatements)
    v.addUnshown("transactStatements",
                 "Member must have length less than or equal to " + std::to_string(limits::kMaxTransactionStatements));
  std::vector<const JsonValue*> members;
  if (statements && statements->Size() <= limits::kMaxTransactionStatements) {
    size_t index = 0;
    for (const JsonValue& element : statements->GetArray()) {
      const JsonValue& m = objectElement(element);
      checkStatementMembers(RequestReader(m), "transactStatements." + std::to_string(++index) + ".member.", v);
      members.push_back(&m);
    }
  }
  v.throwIfAny();

  // Parameters first (DynamoDB refuses a bad one before reading any statement), then each
  // statement, then the shape of the whole.
  std::vector<std::vector<AttributeValue>> parameters;
  for (const JsonValue* m : members) parameters.push_back(readParameters(RequestReader(*m)));
  std::vector<partiql::Statement> parsed;
  for (size_t i = 0; i < members.size(); ++i) {
    parsed.push_back(forStatement(i, [&] {
      partiql::Statement s = partiql::parseStatement(*RequestReader(*members[i]).string("Statement"), parameters[i]);
      if (returningOf(s) != partiql::Returning::None)
        throw ApiError::validation("RETURNING clause is not supported in ExecuteTransaction.");
      return s;
    }));
  }
  bool reads = isRead(parsed.front());
  for (const partiql::Statement& s : parsed)
    if (isRead(s) != reads)
      throw ApiError::validation(
          "ExecuteTransaction API does not support both read and write operations in the same request.");

  // A statement on a table that does not exist cancels the transaction.
  std::vector<CancellationReason> missing(parsed.size());
  for (size_t i = 0; i < parsed.size(); ++i)
    if (!ctx.catalog.find(tableOf(parsed[i])))
      missing[i] = CancellationReason{"ResourceNotFound", "Requested resource not found", {}};
  if (anyFailed(missing)) throw transactionCanceled(missing);

  std::optional<std::string> returnCapacity =
      capacity == CapacityDetail::None ? std::nullopt : req.string("ReturnConsumedCapacity");
  JsonWriter& w = ctx.out;

  if (reads) {
    std::vector<Item> keys;
    for (size_t i = 0; i < parsed.size(); ++i) {
      const auto& select = std::get<partiql::SelectStatement>(parsed[i]);
      keys.push_back(forStatement(i, [&] {
        if (select.from.index) throw ApiError::validation("Reads on indices are not supported within transactions.");
        return requireFullKey(ctx.catalog, select, "ExecuteTransaction");
      }));
    }
    JsonDocument response = callOperation(ctx, transactGetItems, [&](JsonWriter& rw) {
      writeKey(rw, "TransactItems");
      rw.StartArray();
      for (size_t i = 0; i < parsed.size(); ++i) {
        rw.StartObject();
        writeKey(rw, "Get");
        rw.StartObject();
        writeKey(rw, "TableName");
        writeString(rw, tableOf(parsed[i]));
        writeKey(rw, "Key");
        writeAttributeMap(rw, keys[i]);
        rw.EndObject();
        rw.EndObject();
      }
      rw.EndArray();
      if (returnCapacity) {
        writeKey(rw, "ReturnConsumedCapacity");
        writeString(rw, *returnCapacity);
      }
    });
    w.StartObject();
    writeKey(w, "Responses");
    w.StartArray();
    const JsonValue& responses = response["Responses"];
    for (size_t i = 0; i < parsed.size(); ++i) {
      w.StartObject();
      if (responses[static_cast<rapidjson::SizeType>(i)].HasMember("Item")) {
        writeKey(w, "Item");
        const auto& select = std::get<partiql::SelectStatement>(parsed[i]);
        writeAttributeMap(
            w, projectColumns(select, parseAttributeMap(responses[static_cast<rapidjson::SizeType>(i)]["Item"])));
      }
      w.EndObject();
    }
    w.EndArray();
    writeCapacityOf(w, response);
    w.EndObject();
    return;
  }

  std::vector<WriteRequest> writes;
  for (size_t i = 0; i < parsed.size(); ++i)
    writes.push_back(forStatement(i, [&] { return planWrite(ctx.catalog, parsed[i], partiql::KeyRule::Lenient); }));
  JsonDocument response;
  try {
    response = callOperation(ctx, transactWriteItems, [&](JsonWriter& rw) {
      writeKey(rw, "TransactItems");
      rw.StartArray();
      for (size_t i = 0; i < writes.size(); ++i) {
        static const char* kActions[] = {"Put", "Update", "Delete", "ConditionCheck"};
        rw.StartObject();
        writeKey(rw, kActions[static_cast<int>(writes[i].kind)]);
        rw.StartObject();
        writes[i].writeMembers(rw);
        if (auto rv = RequestReader(*members[i]).string("ReturnValuesOnConditionCheckFailure")) {
          writeKey(rw, "ReturnValuesOnConditionCheckFailure");
          writeString(rw, *rv);
        }
        rw.EndObject();
        rw.EndObject();
      }
      rw.EndArray();
      if (token) {
        writeKey(rw, "ClientRequestToken");
        writeString(rw, *token);
      }
      if (returnCapacity) {
        writeKey(rw, "ReturnConsumedCapacity");
        writeString(rw, *returnCapacity);
      }
    });
  } catch (const ApiError& e) {
    if (e.type() == "TransactionCanceledException") throw withDuplicateItems(e, writes);
    if (e.type() == "ValidationException") throw ApiError::validation(partiql::withoutExpressionPrefix(e.what()));
    throw;
  }
  w.StartObject();
  writeCapacityOf(w, response);
  w.EndObject();
}

}  // namespace shoal
