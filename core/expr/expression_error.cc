#include "expr/expression_error.h"

#include "api/error.h"

namespace shoal::expr {

const char* parameterName(ExprKind kind) {
  switch (kind) {
    case ExprKind::Condition: return "ConditionExpression";
    case ExprKind::Filter: return "FilterExpression";
    case ExprKind::KeyCondition: return "KeyConditionExpression";
    case ExprKind::Update: return "UpdateExpression";
    case ExprKind::Projection: return "ProjectionExpression";
  }
  return "Expression";
}

void throwInvalid(ExprKind kind, const std::string& detail) {
  throw ApiError::validation(std::string("Invalid ") + parameterName(kind) + ": " + detail);
}

}  // namespace shoal::expr
