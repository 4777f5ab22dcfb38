#include "expr/ast.h"

namespace shoal::expr {

Function functionByName(const std::string& name) {
  static const std::pair<const char*, Function> kFunctions[] = {
      {"attribute_exists", Function::AttributeExists},
      {"attribute_not_exists", Function::AttributeNotExists},
      {"attribute_type", Function::AttributeType},
      {"begins_with", Function::BeginsWith},
      {"contains", Function::Contains},
      {"size", Function::Size},
      {"if_not_exists", Function::IfNotExists},
      {"list_append", Function::ListAppend},
      {"+", Function::Plus},
      {"-", Function::Minus},
  };
  for (const auto& [n, f] : kFunctions)
    if (name == n) return f;
  return Function::Unknown;
}

const char* compareOpSymbol(CompareOp op) {
  switch (op) {
    case CompareOp::Eq: return "=";
    case CompareOp::Ne: return "<>";
    case CompareOp::Lt: return "<";
    case CompareOp::Le: return "<=";
    case CompareOp::Gt: return ">";
    case CompareOp::Ge: return ">=";
  }
  return "?";
}

const char* updateActionName(UpdateActionKind kind) {
  switch (kind) {
    case UpdateActionKind::Set: return "SET";
    case UpdateActionKind::Remove: return "REMOVE";
    case UpdateActionKind::Add: return "ADD";
    case UpdateActionKind::Delete: return "DELETE";
  }
  return "?";
}

}  // namespace shoal::expr
