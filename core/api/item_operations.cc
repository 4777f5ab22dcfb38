// PutItem, GetItem, DeleteItem.
#include <algorithm>

#include "api/capacity.h"
#include "api/error.h"
#include "api/expression_params.h"
#include "api/item_checks.h"
#include "api/item_collection_metrics.h"
#include "api/projection_param.h"
#include "api/stored_item_json.h"
#include "api/write_condition.h"
#include "api/limits.h"
#include "api/operation.h"
#include "api/table_name.h"
#include "api/throughput.h"
#include "api/violations.h"
#include "api/write_capacity.h"
#include "json/wire_value.h"
#include "value/item_size.h"

namespace shoal {
namespace {

const char* kReturnValuesEnum = "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]";

// ReturnValues for PutItem/DeleteItem: NONE (default) or ALL_OLD.
bool readReturnAllOld(const RequestReader& req, Violations& v) {
  auto rv = req.string("ReturnValues");
  if (!rv || *rv == "NONE") return false;
  if (*rv == "ALL_OLD") return true;
  static const char* known[] = {"ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"};
  if (std::find_if(std::begin(known), std::end(known), [&](const char* k) { return *rv == k; }) == std::end(known)) {
    v.add("'" + *rv + "'", "returnValues", kReturnValuesEnum);
    v.throwIfAny();
  }
  throw ApiError::validation("ReturnValues can only be ALL_OLD or NONE");
}

void writeOldAttributes(JsonWriter& w, bool allOld, const std::optional<StoredItem>& old) {
  if (allOld && old) {
    writeKey(w, "Attributes");
    writeAttributeMap(w, old->toItem());
  }
}

std::optional<StoredItem> commitOne(Catalog& catalog, ItemWrite write, Stamp stamp) {
  ChangeSet change{stamp, {}};
  change.writes.push_back(std::move(write));
  return std::move(catalog.commit(change).front());
}

}  // namespace

void putItem(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  const JsonValue* itemJson = req.object("Item");
  v.notNull(itemJson != nullptr, "item");
  CapacityDetail capacity = readReturnConsumedCapacity(req, v);
  bool collectionMetrics = readReturnItemCollectionMetrics(req, v);
  std::string name = requireTableName(req, v);
  bool allOld = readReturnAllOld(req, v);
  ExpressionParams params(req, {"ConditionExpression"}, {"Expected", "ConditionalOperator"});
  WriteCondition condition = WriteCondition::read(req, params);
  params.finish();

  Item item = parseAttributeMap(*itemJson);
  Table& table = ctx.catalog.require(name);
  checkAttributeNames(item);
  std::string key = table.keyOfItem(item);
  size_t size = checkPutItemSize(item);
  const StoredItem* existing = table.find(key);
  // A write is charged (and may be throttled) before its condition is evaluated: a failed
  // condition consumes capacity on DynamoDB too.
  Consumption consumed(name);
  addItemWrite(consumed, table, existing, &item, size);
  ctx.throughput.charge(table, consumed, ctx.nowMillis);
  condition.check(existing);
  bool replacesLiveItem = existing != nullptr;

  Stamp stamp = ctx.catalog.stamp(ctx.nowMillis);
  auto old = commitOne(ctx.catalog, {name, key, StoredItem::fromItem(item, stamp)}, stamp);
  if (!replacesLiveItem) old.reset();  // an expired item (TTL) was already gone for the caller
  ItemCollectionMetrics metrics;
  if (collectionMetrics) metrics.add(name, table, item);

  ctx.out.StartObject();
  writeOldAttributes(ctx.out, allOld, old);
  writeConsumedCapacity(ctx.out, capacity, consumed);
  metrics.writeSingle(ctx.out);
  ctx.out.EndObject();
}

void getItem(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  const JsonValue* keyJson = req.object("Key");
  v.notNull(keyJson != nullptr, "key");
  CapacityDetail capacity = readReturnConsumedCapacity(req, v);
  std::string name = requireTableName(req, v);
  bool consistent = req.boolean("ConsistentRead").value_or(false);
  ExpressionParams params(req, {"ProjectionExpression"}, {"AttributesToGet"});
  std::optional<expr::Projection> projection = readProjection(req, params);
  params.finish();

  Item keyArg = parseAttributeMap(*keyJson);
  Table& table = ctx.catalog.require(name);
  const StoredItem* found = table.find(table.keyOfKeyArgument(keyArg));
  Consumption consumed(name);
  consumed.addTableRead(readUnits(found ? found->sizeBytes : 0, consistent));
  ctx.throughput.charge(table, consumed, ctx.nowMillis);

  ctx.out.StartObject();
  if (found) {
    writeKey(ctx.out, "Item");
    if (projection) writeAttributeMap(ctx.out, projection->apply(found->toItem()));
    else writeStoredItem(ctx.out, *found);
  }
  writeConsumedCapacity(ctx.out, capacity, consumed);
  ctx.out.EndObject();
}

void deleteItem(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  const JsonValue* keyJson = req.object("Key");
  v.notNull(keyJson != nullptr, "key");
  CapacityDetail capacity = readReturnConsumedCapacity(req, v);
  bool collectionMetrics = readReturnItemCollectionMetrics(req, v);
  std::string name = requireTableName(req, v);
  bool allOld = readReturnAllOld(req, v);
  ExpressionParams params(req, {"ConditionExpression"}, {"Expected", "ConditionalOperator"});
  WriteCondition condition = WriteCondition::read(req, params);
  params.finish();

  Item keyArg = parseAttributeMap(*keyJson);
  Table& table = ctx.catalog.require(name);
  std::string key = table.keyOfKeyArgument(keyArg);
  const StoredItem* existing = table.find(key);
  Consumption consumed(name);
  addItemWrite(consumed, table, existing, nullptr, 0);
  ctx.throughput.charge(table, consumed, ctx.nowMillis);
  condition.check(existing);
  auto old = existing ? commitOne(ctx.catalog, {name, key, std::nullopt}, ctx.catalog.stamp(ctx.nowMillis))
                      : std::nullopt;
  ItemCollectionMetrics metrics;
  if (collectionMetrics) metrics.add(name, table, keyArg);

  ctx.out.StartObject();
  writeOldAttributes(ctx.out, allOld, old);
  writeConsumedCapacity(ctx.out, capacity, consumed);
  metrics.writeSingle(ctx.out);
  ctx.out.EndObject();
}

}  // namespace shoal
