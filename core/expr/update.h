// UpdateExpression (and the legacy AttributeUpdates, translated into the same actions).
//
//   UpdateExpression u = UpdateExpression::compile("SET n = n + :one REMOVE tags[0]", ctx);
//   // key attributes: u.targetAttributes() must not name one ("Cannot update attribute ...")
//   Item next = existing;           // or just the key when the item does not exist
//   u.apply(next);                  // all actions, or none (throws, `next` untouched)
//   Item updatedOld = u.updatedAttributes(existing), updatedNew = u.updatedAttributes(next);
//
// Semantics, as DynamoDB: every right-hand side is read from the item as it was before the
// update; SET past a list's end appends (in index order); REMOVE of a list element shifts the
// rest, with every index meaning the element before the update; REMOVE of a missing attribute
// does nothing; ADD creates a missing number or set; DELETE removes a set emptied by it. The
// item-size limit and key attributes are the caller's job.
#pragma once
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"
#include "expr/context.h"

namespace shoal::expr {

class UpdateExpression {
 public:
  // No actions: apply() changes nothing.
  UpdateExpression() = default;

  static UpdateExpression compile(std::string_view text, ExpressionContext& ctx);
  // Actions built and checked elsewhere (legacy AttributeUpdates). `legacy` selects the
  // legacy wording of apply-time errors ("Type mismatch for attribute to update") and lets
  // ADD append to a list.
  static UpdateExpression fromAst(UpdateAst ast, bool legacy);

  bool empty() const { return !plan_ || plan_->ast.actions.empty(); }
  void apply(Item& item) const;

  // The document path of every action, in the order written.
  const std::vector<DocumentPath>& paths() const;
  // The top-level attributes the actions write to (SET, REMOVE, ADD or DELETE targets).
  std::set<std::string> targetAttributes() const;
  // The parts of `item` at paths(): UPDATED_OLD from the old item, UPDATED_NEW from the new.
  Item updatedAttributes(const Item& item) const;

 private:
  struct Plan {
    UpdateAst ast;
    std::vector<DocumentPath> paths;
    bool legacy = false;
  };
  std::shared_ptr<const Plan> plan_;
};

// The engine behind UpdateExpression::apply(), exposed for tests of single actions.
void applyUpdate(const UpdateAst& ast, bool legacy, Item& item);

}  // namespace shoal::expr
