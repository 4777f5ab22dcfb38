#include "expr/static_checks.h"

#include "expr/ast_walk.h"
#include "expr/reserved_words.h"

namespace shoal::expr {
namespace {

bool isConditionFunction(Function f) {
  return f == Function::AttributeExists || f == Function::AttributeNotExists || f == Function::AttributeType ||
         f == Function::BeginsWith || f == Function::Contains || f == Function::Size;
}
// Functions that produce true or false, and so may stand alone as a condition.
bool isBooleanFunction(Function f) { return isConditionFunction(f) && f != Function::Size; }

void checkReserved(const DocumentPath& path, ExprKind kind) {
  for (const PathElement& e : path.elements)
    if (!e.isIndex() && !e.placeholder && isReservedWord(e.name))
      throwInvalid(kind, "Attribute name is a reserved keyword; reserved keyword: " + e.name);
}

template <typename F>
void forEachOperand(const ConditionNode& root, F&& f) {
  walkOperands(root, f);
}

}  // namespace

void checkConditionStatic(const ConditionNode& root, ExprKind kind) {
  forEachOperand(root, [&](const Operand& op, Slot) {
    if (const FunctionCall* call = op.call(); call && call->function == Function::Unknown)
      throwInvalid(kind, "Invalid function name; function: " + call->name);
  });
  forEachOperand(root, [&](const Operand& op, Slot slot) {
    const FunctionCall* call = op.call();
    if (!call) return;
    if (!isConditionFunction(call->function))
      throwInvalid(kind, "The function is not allowed in a condition expression; function: " + call->name);
    // Only size() yields a value; the others are conditions and cannot be compared or
    // passed on, and size() is not a condition on its own.
    bool asCondition = slot == Slot::Condition;
    if (asCondition != isBooleanFunction(call->function))
      throwInvalid(kind, "The function is not allowed to be used this way in an expression; function: " + call->name);
  });
  forEachOperand(root, [&](const Operand& op, Slot) {
    if (const DocumentPath* p = op.path()) checkReserved(*p, kind);
  });
}

void checkUpdateStatic(const UpdateAst& ast) {
  for (const UpdateAction& action : ast.actions) {
    checkReserved(action.path, ExprKind::Update);
    if (!action.value) continue;
    auto visit = [&](const Operand& op, Slot) {
      if (const DocumentPath* p = op.path()) checkReserved(*p, ExprKind::Update);
    };
    walkOperand(*action.value, Slot::Operand, visit);
  }
  auto functions = [&](const Operand& op, Slot) {
    const FunctionCall* call = op.call();
    if (!call) return;
    if (call->function == Function::Unknown)
      throwInvalid(ExprKind::Update, "Invalid function name; function: " + call->name);
    if (isConditionFunction(call->function))
      throwInvalid(ExprKind::Update, "The function is not allowed in an update expression; function: " + call->name);
  };
  walkUpdateOperands(ast, functions);
  if (ast.repeatedSection)
    throwInvalid(ExprKind::Update, std::string("The \"") + updateActionName(*ast.repeatedSection) +
                                       "\" section can only be used once in an update expression;");
}

void checkProjectionStatic(const std::vector<DocumentPath>& paths) {
  for (const DocumentPath& p : paths) checkReserved(p, ExprKind::Projection);
}

}  // namespace shoal::expr
