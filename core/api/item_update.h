// The part of UpdateItem that a transaction's Update action shares with it: read the update
// and its condition from a request, then compute the new item from the old one. Nothing here
// writes; the caller commits the result (alone for UpdateItem, in one ChangeSet for a
// transaction).
#pragma once
#include <set>
#include <string>

#include "api/expression_params.h"
#include "api/write_condition.h"
#include "expr/update.h"
#include "table/schema.h"
#include "table/stamp.h"
#include "table/stored_item.h"

namespace shoal {

struct ItemUpdate {
  expr::UpdateExpression update;
  WriteCondition condition;

  // UpdateExpression (or, with `legacy`, AttributeUpdates) and the condition of `request`.
  static ItemUpdate read(const RequestReader& request, ExpressionParams& params, bool legacy);

  // ValidationException "Cannot update attribute X. This attribute is part of the key".
  void checkKeyUntouched(const KeySchema& key) const;

  struct Result {
    Item before;                      // empty when no item existed or keepBefore was false
    Item after;                       // the new item
    std::set<std::string> targets;    // top-level attributes the update wrote
    size_t oldBytes = 0;
    size_t newBytes = 0;

    // `after` as the table stores it: written attributes carry `stamp`, untouched ones keep
    // the stamp of the write that last set them.
    StoredItem stored(const StoredItem* existing, Stamp stamp) const;
  };

  // Checks the condition against `existing` (ConditionalCheckFailedException), applies the
  // update to a copy of it (or to `keyArg` when there is no item) and checks the 400 KB limit
  // (ValidationException, as are the update's own apply-time errors). `before` is filled only
  // with keepBefore (ReturnValues ALL_OLD or UPDATED_OLD): copying the old item costs as much as
  // the update itself.
  Result apply(const Item& keyArg, const StoredItem* existing, bool keepBefore = false) const;
};

}  // namespace shoal
