// The condition of a conditional write (PutItem, UpdateItem, DeleteItem, and a transaction's
// actions): ConditionExpression, or the legacy Expected + ConditionalOperator, compiled into
// the one expression engine, plus ReturnValuesOnConditionCheckFailure.
#pragma once
#include "api/expression_params.h"
#include "expr/condition.h"
#include "table/stored_item.h"

namespace shoal {

class WriteCondition {
 public:
  // Reads the condition members of `request` (expressions resolve against `params`).
  static WriteCondition read(const RequestReader& request, ExpressionParams& params);

  // Throws ConditionalCheckFailedException (with the old item when asked) unless the
  // condition holds for `existing` (nullptr: no item).
  void check(const StoredItem* existing) const;

  bool empty() const { return condition_.empty(); }
  bool returnOldOnFailure() const { return returnOld_; }
  bool holds(const StoredItem* existing) const;

 private:
  expr::Condition condition_;
  bool returnOld_ = false;
};

}  // namespace shoal
