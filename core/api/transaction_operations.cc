// TransactWriteItems and TransactGetItems. A transaction is checked in DynamoDB's order:
//   1. member constraints of the whole request, reported together;
//   2. every action's values and expressions, in request order;
//   3. tables (ResourceNotFoundException) and what the request alone shows to be invalid
//      (empty key values, a Put over 400 KB, an Update of a key attribute);
//   4. each action's key against its table's schema (a mismatch cancels the transaction
//      with a ValidationError reason), then no two actions on one item;
//   5. every condition and update against the items as they were before the transaction;
//      any failure cancels it (TransactionCanceledException with a reason per action);
//   6. what it costs on each table and index, charged (throughput emulation may cancel it
//      there, with ProvisionedThroughputExceeded for the actions on a throttled table), then
//      one ChangeSet with one stamp, committed at once.
// Steps 1-4 fail the whole request with a plain error; nothing is written before step 6.
#include <algorithm>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/cancellation.h"
#include "api/capacity.h"
#include "api/error.h"
#include "api/expression_params.h"
#include "api/item_checks.h"
#include "api/item_collection_metrics.h"
#include "api/item_update.h"
#include "api/limits.h"
#include "api/operation.h"
#include "api/projection_param.h"
#include "api/table_capacities.h"
#include "api/table_name.h"
#include "api/throughput.h"
#include "api/violations.h"
#include "api/write_capacity.h"
#include "api/write_condition.h"
#include "json/wire_value.h"
#include "value/item_size.h"

namespace shoal {
namespace {

const char* kMultipleOperations = "Transaction request cannot include multiple operations on one item";
const char* kAggregateSize = "The aggregate size of the items in the transaction exceeds 4 MB";

const JsonValue& objectElement(const JsonValue& v) {
  if (v.IsObject()) return v;
  if (v.IsArray()) throw ApiError::serialization("Start of list found where not expected");
  throw ApiError::serialization(std::string("Unexpected value type in payload: ") + jsonKindName(v));
}

// TransactItems: present, 1 to 100 actions.
const JsonValue* readTransactItems(const RequestReader& req, Violations& v) {
  const JsonValue* items = req.array("TransactItems");
  if (!items) {
    v.notNull(false, "transactItems");
  } else if (items->Size() == 0) {
    v.add("'[]'", "transactItems", "Member must have length greater than or equal to 1");
  } else if (items->Size() > limits::kMaxTransactionActions) {
    v.addUnshown("TransactItems", "Member must have length less than or equal to " +
                                      std::to_string(limits::kMaxTransactionActions));
  }
  return items && !items->Empty() && items->Size() <= limits::kMaxTransactionActions ? items : nullptr;
}

// The member constraints of one action's structure (TableName, Key, ...), `path` being e.g.
// "transactItems.2.member.update".
void checkActionMembers(const RequestReader& action, const std::string& path, const std::vector<const char*>& required,
                        Violations& v) {
  for (const char* member : required) {
    std::string field = member;
    field[0] = static_cast<char>(field[0] - 'A' + 'a');
    v.notNull(action.member(member) != nullptr, path + "." + field);
  }
  checkTableName(v, action.string("TableName"), path + ".tableName");
  if (auto rv = action.string("ReturnValuesOnConditionCheckFailure"); rv && *rv != "ALL_OLD" && *rv != "NONE")
    v.add("'" + *rv + "'", path + ".returnValuesOnConditionCheckFailure",
          "Member must satisfy enum value set: [ALL_OLD, NONE]");
}

// What a Key argument that does not match the schema would make GetItem say, or nullopt with
// `encoded` set when it matches (empty or oversized key values still throw: the request alone
// shows them invalid).
std::optional<std::string> resolveKeyArgument(const Table& table, const Item& keyArg, std::string& encoded) {
  if (!matchesKeySchema(table.schema().key, keyArg)) return std::string("The provided key element does not match the schema");
  encoded = table.keyOfKeyArgument(keyArg);
  return std::nullopt;
}

// Same for a Put's item: a missing or mistyped key attribute is the action's failure, with
// PutItem's message.
std::optional<std::string> resolveItemKey(const Table& table, const Item& item, std::string& encoded) {
  if (!hasKeyAttributes(table.schema().key, item)) {
    try {
      table.keyOfItem(item);
    } catch (const ApiError& e) {
      return std::string(e.what());
    }
  }
  encoded = table.keyOfItem(item);
  return std::nullopt;
}

// A request-level error found while running the actions (an empty index key an Update
// writes): it fails the request instead of becoming one action's cancellation reason.
struct RequestError {
  ApiError error;
};

// A written item's secondary-index keys: a wrong type is the action's failure (ValidationError);
// an empty or oversized value is the request's.
void checkIndexKeys(const Table& table, const Item& item) {
  if (table.indexes().empty()) return;
  if (!indexKeyTypesMatch(table.schema().indexes, item)) {
    table.validateIndexKeys(item);  // throws the type mismatch, as a reason
    return;
  }
  try {
    table.validateIndexKeys(item);
  } catch (const ApiError& e) {
    throw RequestError{e};
  }
}

// ---- TransactWriteItems

enum class Kind { Put, Update, Delete, ConditionCheck };
const char* kKindMembers[] = {"Put", "Update", "Delete", "ConditionCheck"};

struct WriteAction {
  Kind kind;
  const JsonValue* body = nullptr;
  std::string tableName;
  Table* table = nullptr;
  Item item;    // Put: the new item; others: the Key argument
  WriteCondition condition;
  ItemUpdate update;  // Update
  std::string key;
  size_t putBytes = 0;
};

// Step 2: values and expressions of one action.
void readWriteAction(WriteAction& a) {
  RequestReader r(*a.body);
  a.tableName = *r.string("TableName");
  switch (a.kind) {
    case Kind::Put: {
      a.item = parseAttributeMap(*r.object("Item"));
      ExpressionParams params(r, {"ConditionExpression"}, {});
      a.condition = WriteCondition::read(r, params);
      params.finish();
      break;
    }
    case Kind::Update: {
      a.item = parseAttributeMap(*r.object("Key"));
      ExpressionParams params(r, {"UpdateExpression", "ConditionExpression"}, {});
      a.update = ItemUpdate::read(r, params, /*legacy=*/false);  // carries its condition
      params.finish();
      break;
    }
    case Kind::Delete:
    case Kind::ConditionCheck: {
      a.item = parseAttributeMap(*r.object("Key"));
      ExpressionParams params(r, {"ConditionExpression"}, {});
      a.condition = WriteCondition::read(r, params);
      params.finish();
      break;
    }
  }
}

// Charges each table what the transaction consumed there. A table or index out of capacity
// cancels the transaction, with ProvisionedThroughputExceeded for the actions on that table.
template <typename Action>
void chargeTransaction(OperationContext& ctx, const TableCapacities& consumed, const std::vector<Action>& actions) {
  std::vector<CancellationReason> reasons(actions.size());
  for (const Consumption& c : consumed.entries()) {
    if (auto error = ctx.throughput.tryCharge(ctx.catalog.require(c.tableName()), c, ctx.nowMillis))
      for (size_t i = 0; i < actions.size(); ++i)
        if (actions[i].tableName == c.tableName()) reasons[i] = CancellationReason::fromError(*error);
  }
  if (anyFailed(reasons)) throw transactionCanceled(reasons);
}

// A replayed request (same ClientRequestToken, same request) changes nothing; DynamoDB then
// reports what reading the items costs, not what writing them did.
void writeReplayResponse(JsonWriter& w, const std::vector<WriteAction>& actions, CapacityDetail capacity) {
  TableCapacities consumed;
  for (const WriteAction& a : actions) {
    const StoredItem* stored = a.table->find(a.key);
    consumed.addRead(a.tableName, readUnits(stored ? stored->sizeBytes : 0, true));
  }
  w.StartObject();
  consumed.write(w, capacity);
  w.EndObject();
}

}  // namespace

void transactWriteItems(OperationContext& ctx) {
  const RequestReader& req = ctx.request;

  // 1. Member constraints, in DynamoDB's (alphabetical) order of members.
  Violations v;
  auto token = req.string("ClientRequestToken");
  if (token && token->empty())
    v.add("''", "clientRequestToken", "Member must have length greater than or equal to 1");
  if (token && token->size() > limits::kClientRequestTokenMax)
    v.add("'" + *token + "'", "clientRequestToken",
          "Member must have length less than or equal to " + std::to_string(limits::kClientRequestTokenMax));
  CapacityDetail capacity = readReturnConsumedCapacity(req, v);
  bool collectionMetrics = readReturnItemCollectionMetrics(req, v);
  const JsonValue* items = readTransactItems(req, v);
  std::vector<WriteAction> actions;
  bool oneKindEach = true;
  if (items) {
    size_t index = 0;
    for (const JsonValue& element : items->GetArray()) {
      ++index;
      RequestReader entry(objectElement(element));
      WriteAction a{};
      int kinds = 0;
      for (int k = 0; k < 4; ++k) {
        const JsonValue* body = entry.object(kKindMembers[k]);
        if (!body) continue;
        ++kinds;
        a.kind = static_cast<Kind>(k);
        a.body = body;
      }
      oneKindEach = oneKindEach && kinds == 1;
      if (kinds != 1) continue;
      std::string path = "transactItems." + std::to_string(index) + ".member.";
      RequestReader body(*a.body);
      switch (a.kind) {
        case Kind::Put: checkActionMembers(body, path + "put", {"Item"}, v); break;
        case Kind::Update: checkActionMembers(body, path + "update", {"Key", "UpdateExpression"}, v); break;
        case Kind::Delete: checkActionMembers(body, path + "delete", {"Key"}, v); break;
        case Kind::ConditionCheck:
          checkActionMembers(body, path + "conditionCheck", {"ConditionExpression", "Key"}, v);
          break;
      }
      actions.push_back(std::move(a));
    }
  }
  v.throwIfAny();
  if (!oneKindEach) throw ApiError::validation("TransactItems can only contain one of Check, Put, Update or Delete");

  // 2. Values and expressions of every action, in request order.
  for (WriteAction& a : actions) readWriteAction(a);

  // 3. Tables, and what the request alone shows to be invalid.
  size_t putBytes = 0;
  std::vector<CancellationReason> reasons(actions.size());
  for (size_t i = 0; i < actions.size(); ++i) {
    WriteAction& a = actions[i];
    a.table = &ctx.catalog.require(a.tableName);
    std::optional<std::string> keyProblem;
    if (a.kind == Kind::Put) {
      checkAttributeNames(a.item);
      a.putBytes = checkPutItemSize(a.item);
      putBytes += a.putBytes;
      keyProblem = resolveItemKey(*a.table, a.item, a.key);
      if (indexKeyTypesMatch(a.table->schema().indexes, a.item)) a.table->validateIndexKeys(a.item);
    } else {
      keyProblem = resolveKeyArgument(*a.table, a.item, a.key);
      if (a.kind == Kind::Update) a.update.checkKeyUntouched(a.table->schema().key);
    }
    if (keyProblem) reasons[i] = CancellationReason::validationError(*keyProblem);
  }
  if (putBytes > limits::kMaxTransactionBytes) throw ApiError::validation(kAggregateSize);

  // 4. Keys against the schemas, then one action per item.
  if (anyFailed(reasons)) throw transactionCanceled(reasons);
  std::set<std::pair<std::string, std::string>> targets;
  for (const WriteAction& a : actions)
    if (!targets.insert({a.tableName, a.key}).second) throw ApiError::validation(kMultipleOperations);

  RequestFingerprint fingerprint;
  if (token) {
    fingerprint = fingerprintOf(req.raw());
    switch (ctx.transactionTokens.check(*token, fingerprint, ctx.nowMillis)) {
      case TransactionTokens::Seen::New: break;
      case TransactionTokens::Seen::SameRequest: writeReplayResponse(ctx.out, actions, capacity); return;
      case TransactionTokens::Seen::OtherRequest:
        throw ApiError::idempotentParameterMismatch(
            "DynamoDB rejected the request because you retried a request with a different payload but with an "
            "idempotent token that was already used.");
    }
  }

  // 5. Every action against the items as they were before the transaction.
  std::vector<std::optional<ItemUpdate::Result>> updated(actions.size());
  size_t totalBytes = 0;
  for (size_t i = 0; i < actions.size(); ++i) {
    WriteAction& a = actions[i];
    const StoredItem* existing = a.table->find(a.key);
    try {
      if (a.kind == Kind::Update) {
        updated[i] = a.update.apply(a.item, existing);
        checkIndexKeys(*a.table, updated[i]->after);
        totalBytes += updated[i]->newBytes;
      } else {
        if (a.kind == Kind::Put) checkIndexKeys(*a.table, a.item);
        a.condition.check(existing);
        totalBytes += a.putBytes;
      }
    } catch (const ApiError& e) {
      reasons[i] = CancellationReason::fromError(e);
    } catch (const RequestError& e) {
      throw e.error;
    }
  }
  if (anyFailed(reasons)) throw transactionCanceled(reasons);
  if (totalBytes > limits::kMaxTransactionBytes) throw ApiError::validation(kAggregateSize);

  // 6. Capacity from the items as they were (a transaction's writes and reads cost double),
  // charged; then one ChangeSet, one stamp.
  Stamp stamp = ctx.catalog.stamp(ctx.nowMillis);
  ChangeSet change{stamp, {}};
  TableCapacities consumed;
  for (size_t i = 0; i < actions.size(); ++i) {
    const WriteAction& a = actions[i];
    const StoredItem* existing = a.table->find(a.key);
    Consumption& cost = consumed.of(a.tableName);
    switch (a.kind) {
      case Kind::Put:
        change.writes.push_back({a.tableName, a.key, StoredItem::fromItem(a.item, stamp)});
        addItemWrite(cost, *a.table, existing, &a.item, a.putBytes, 2);
        break;
      case Kind::Update:
        change.writes.push_back({a.tableName, a.key, updated[i]->stored(existing, stamp)});
        addItemWrite(cost, *a.table, existing, &updated[i]->after, updated[i]->newBytes, 2);
        break;
      case Kind::Delete:
        if (existing) change.writes.push_back({a.tableName, a.key, std::nullopt});
        addItemWrite(cost, *a.table, existing, nullptr, 0, 2);
        break;
      case Kind::ConditionCheck: cost.addTableRead(2 * readUnits(existing ? existing->sizeBytes : 0, true)); break;
    }
  }
  chargeTransaction(ctx, consumed, actions);
  if (!change.writes.empty()) ctx.catalog.commit(change);
  if (token) ctx.transactionTokens.remember(*token, fingerprint, ctx.nowMillis);
  ItemCollectionMetrics metrics;
  if (collectionMetrics)
    for (const WriteAction& a : actions)
      if (a.kind != Kind::ConditionCheck) metrics.add(a.tableName, *a.table, a.item);

  ctx.out.StartObject();
  consumed.write(ctx.out, capacity);
  metrics.write(ctx.out);
  ctx.out.EndObject();
}

// ---- TransactGetItems

namespace {

struct GetAction {
  const JsonValue* body = nullptr;
  std::string tableName;
  Table* table = nullptr;
  Item keyArg;
  std::optional<expr::Projection> projection;
  std::string key;
};

}  // namespace

void transactGetItems(OperationContext& ctx) {
  const RequestReader& req = ctx.request;

  Violations v;
  CapacityDetail capacity = readReturnConsumedCapacity(req, v);
  const JsonValue* items = readTransactItems(req, v);
  std::vector<GetAction> actions;
  if (items) {
    size_t index = 0;
    for (const JsonValue& element : items->GetArray()) {
      ++index;
      std::string path = "transactItems." + std::to_string(index) + ".member.get";
      GetAction a;
      a.body = RequestReader(objectElement(element)).object("Get");
      v.notNull(a.body != nullptr, path);
      if (a.body) checkActionMembers(RequestReader(*a.body), path, {"Key"}, v);
      actions.push_back(a);
    }
  }
  v.throwIfAny();

  for (GetAction& a : actions) {
    RequestReader r(*a.body);
    a.tableName = *r.string("TableName");
    a.keyArg = parseAttributeMap(*r.object("Key"));
    ExpressionParams params(r, {"ProjectionExpression"}, {});
    a.projection = readProjection(r, params);
    params.finish();
  }

  std::vector<CancellationReason> reasons(actions.size());
  for (size_t i = 0; i < actions.size(); ++i) {
    GetAction& a = actions[i];
    a.table = &ctx.catalog.require(a.tableName);
    if (auto problem = resolveKeyArgument(*a.table, a.keyArg, a.key)) reasons[i] = CancellationReason::validationError(*problem);
  }
  if (anyFailed(reasons)) throw transactionCanceled(reasons);
  std::set<std::pair<std::string, std::string>> targets;
  for (const GetAction& a : actions)
    if (!targets.insert({a.tableName, a.key}).second) throw ApiError::validation(kMultipleOperations);

  TableCapacities consumed;
  std::vector<const StoredItem*> found;
  size_t totalBytes = 0;
  for (const GetAction& a : actions) {
    const StoredItem* stored = a.table->find(a.key);
    found.push_back(stored);
    totalBytes += stored ? stored->sizeBytes : 0;
    consumed.addRead(a.tableName, 2 * readUnits(stored ? stored->sizeBytes : 0, true));
  }
  if (totalBytes > limits::kMaxTransactionBytes) throw ApiError::validation(kAggregateSize);
  chargeTransaction(ctx, consumed, actions);

  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "Responses");
  w.StartArray();
  for (size_t i = 0; i < actions.size(); ++i) {
    w.StartObject();
    if (found[i]) {
      writeKey(w, "Item");
      Item item = found[i]->toItem();
      writeAttributeMap(w, actions[i].projection ? actions[i].projection->apply(item) : item);
    }
    w.EndObject();
  }
  w.EndArray();
  consumed.write(w, capacity);
  w.EndObject();
}

}  // namespace shoal
