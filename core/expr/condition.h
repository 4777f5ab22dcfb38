// ConditionExpression and FilterExpression: compiled once per request, then evaluated per
// item (a Scan filter runs over every item of a page).
//
//   ExpressionContext ctx{&names, &values};
//   Condition c = Condition::compile("attribute_not_exists(pk) OR #v < :max", ExprKind::Condition, ctx);
//   ctx.checkAllUsed();            // after every expression of the request is compiled
//   if (!c.evaluate(existingItem)) throw ApiError::conditionalCheckFailed();
//
// Pass an empty Item for an item that does not exist. All user errors are thrown as
// ApiError::validation with DynamoDB's message, during compile(); evaluate() never throws.
#pragma once
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "expr/ast.h"
#include "expr/context.h"
#include "expr/expression_error.h"

namespace shoal::expr {

class Condition {
 public:
  // No condition: evaluate() is always true.
  Condition() = default;

  // kind is ExprKind::Condition or ExprKind::Filter (it names the parameter in messages).
  static Condition compile(std::string_view text, ExprKind kind, ExpressionContext& ctx);
  // A tree that is already resolved and checked (built from legacy parameters).
  static Condition fromTree(ConditionNode root);

  bool empty() const { return !root_; }
  bool evaluate(const Item& item) const;
  // The top-level attributes the condition reads (for "Filter Expression can only contain
  // non-primary key attributes" and similar checks).
  std::set<std::string> topLevelAttributes() const;
  const ConditionNode* tree() const { return root_.get(); }

 private:
  std::shared_ptr<const ConditionNode> root_;  // immutable, so copies share it
};

// The whole pipeline for one condition-grammar expression: parse, static checks, resolve,
// type checks. Also used by KeyConditionExpression.
ConditionNode compileConditionTree(std::string_view text, ExprKind kind, ExpressionContext& ctx);

}  // namespace shoal::expr
