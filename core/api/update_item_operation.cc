// UpdateItem: UpdateExpression (or legacy AttributeUpdates) under an optional condition, with
// every ReturnValues mode. The update is applied to a copy of the item; only a fully valid
// result (keys unchanged, within 400 KB) is committed.
#include <algorithm>

#include "api/capacity.h"
#include "api/error.h"
#include "api/expression_params.h"
#include "api/legacy_params.h"
#include "api/limits.h"
#include "api/operation.h"
#include "api/table_name.h"
#include "api/violations.h"
#include "api/write_condition.h"
#include "json/wire_value.h"
#include "value/item_size.h"

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

// The stored form of the updated item: attributes the update wrote (or created) carry the new
// stamp, untouched ones keep the stamp of the write that last set them.
StoredItem restamp(const Item& next, const StoredItem* previous, const std::set<std::string>& targets, Stamp stamp) {
  StoredItem stored;
  for (const auto& [name, value] : next) {
    Stamp s = stamp;
    if (previous && !targets.count(name)) {
      auto it = previous->attributes.find(name);
      if (it != previous->attributes.end()) s = it->second.stamp;
    }
    stored.attributes.emplace(name, StoredAttribute{value, s});
  }
  stored.sizeBytes = itemSizeBytes(next);
  return stored;
}

}  // namespace

void updateItem(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  const JsonValue* keyJson = req.object("Key");
  v.notNull(keyJson != nullptr, "key");
  std::string name = requireTableName(req, v);
  ReturnValues returnValues = readReturnValues(req);
  CapacityDetail capacity = readReturnConsumedCapacity(req);

  ExpressionParams params(req, {"UpdateExpression", "ConditionExpression"},
                          {"AttributeUpdates", "Expected", "ConditionalOperator"});
  expr::UpdateExpression update;
  if (auto text = params.text("UpdateExpression")) {
    update = expr::UpdateExpression::compile(*text, params.context());
  } else if (const JsonValue* legacy = req.object("AttributeUpdates")) {
    update = legacyAttributeUpdates(*legacy);
  }
  WriteCondition condition = WriteCondition::read(req, params);
  params.finish();

  Item keyArg = parseAttributeMap(*keyJson);
  Table& table = ctx.catalog.require(name);
  std::string key = table.keyOfKeyArgument(keyArg);
  const KeySchema& schema = table.schema().key;
  std::set<std::string> targets = update.targetAttributes();
  for (const std::string& attr : targets)
    if (attr == schema.hash.name || (schema.range && attr == schema.range->name))
      throw ApiError::validation("One or more parameter values were invalid: Cannot update attribute " + attr +
                                 ". This attribute is part of the key");

  const StoredItem* existing = table.find(key);
  condition.check(existing);
  Item before = existing ? existing->toItem() : Item{};
  Item after = existing ? before : keyArg;
  update.apply(after);
  size_t size = itemSizeBytes(after);
  if (size > limits::kMaxItemBytes)
    throw ApiError::validation("Item size to update has exceeded the maximum allowed size");

  Stamp stamp = ctx.catalog.stamp(ctx.nowMillis);
  ChangeSet change{stamp, {}};
  change.writes.push_back({name, key, restamp(after, existing, targets, stamp)});
  size_t oldSize = existing ? existing->sizeBytes : 0;
  ctx.catalog.commit(change);

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
  writeConsumedCapacity(ctx.out, capacity, name, writeUnits(std::max(size, oldSize)));
  ctx.out.EndObject();
}

}  // namespace shoal
