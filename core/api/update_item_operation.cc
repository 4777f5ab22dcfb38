// UpdateItem: UpdateExpression (or legacy AttributeUpdates) under an optional condition, with
// every ReturnValues mode. Computing the new item is ItemUpdate's job (api/item_update.h,
// shared with TransactWriteItems); only a fully valid result is committed.

#include "api/capacity.h"
#include "api/error.h"
#include "api/expression_params.h"
#include "api/item_collection_metrics.h"
#include "api/item_update.h"
#include "api/operation.h"
#include "api/table_name.h"
#include "api/throughput.h"
#include "api/violations.h"
#include "api/write_capacity.h"
#include "json/wire_value.h"

namespace shoal {
namespace {

enum class ReturnValues { None, AllOld, UpdatedOld, AllNew, UpdatedNew };

ReturnValues readReturnValues(const RequestReader& req) {
  auto rv = req.string("ReturnValues");
  if (!rv || *rv == "NONE") return ReturnValues::None;
  if (*rv == "ALL_OLD") return ReturnValues::AllOld;
  if (*rv == "UPDATED_OLD") return ReturnValues::UpdatedOld;
  if (*rv == "ALL_NEW") return ReturnValues::AllNew;
  if (*rv == "UPDATED_NEW") return ReturnValues::UpdatedNew;
  Violations v;
  v.add("'" + *rv + "'", "returnValues",
        "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]");
  v.throwIfAny();
  return ReturnValues::None;
}

}  // namespace

void updateItem(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  const JsonValue* keyJson = req.object("Key");
  v.notNull(keyJson != nullptr, "key");
  CapacityDetail capacity = readReturnConsumedCapacity(req, v);
  bool collectionMetrics = readReturnItemCollectionMetrics(req, v);
  std::string name = requireTableName(req, v);
  ReturnValues returnValues = readReturnValues(req);

  ExpressionParams params(req, {"UpdateExpression", "ConditionExpression"},
                          {"AttributeUpdates", "Expected", "ConditionalOperator"});
  ItemUpdate itemUpdate = ItemUpdate::read(req, params, /*legacy=*/true);
  params.finish();

  Item keyArg = parseAttributeMap(*keyJson);
  Table& table = ctx.catalog.require(name);
  std::string key = table.keyOfKeyArgument(keyArg);
  itemUpdate.checkKeyUntouched(table.schema().key);

  const StoredItem* existing = table.find(key);
  bool keepBefore = returnValues == ReturnValues::AllOld || returnValues == ReturnValues::UpdatedOld;
  ItemUpdate::Result result = itemUpdate.apply(keyArg, existing, keepBefore);
  const Item& before = result.before;
  const Item& after = result.after;
  const expr::UpdateExpression& update = itemUpdate.update;

  Consumption consumed(name);
  addItemWrite(consumed, table, existing, &after, result.newBytes);
  ctx.throughput.charge(table, consumed, ctx.nowMillis);

  Stamp stamp = ctx.catalog.stamp(ctx.nowMillis);
  ChangeSet change{stamp, {}};
  change.writes.push_back({name, key, result.stored(existing, stamp)});
  ctx.catalog.commit(change);
  ItemCollectionMetrics metrics;
  if (collectionMetrics) metrics.add(name, table, after);

  ctx.out.StartObject();
  auto writeAttributes = [&](const Item& attrs) {
    if (attrs.empty()) return;
    writeKey(ctx.out, "Attributes");
    writeAttributeMap(ctx.out, attrs);
  };
  switch (returnValues) {
    case ReturnValues::None: break;
    case ReturnValues::AllOld: writeAttributes(before); break;
    case ReturnValues::AllNew: writeAttributes(after); break;
    case ReturnValues::UpdatedOld: writeAttributes(update.updatedAttributes(before)); break;
    case ReturnValues::UpdatedNew: writeAttributes(update.updatedAttributes(after)); break;
  }
  writeConsumedCapacity(ctx.out, capacity, consumed);
  metrics.writeSingle(ctx.out);
  ctx.out.EndObject();
}

}  // namespace shoal
