// Which expression parameter a message is about, and the "Invalid <Parameter>: ..." wrapper
// DynamoDB puts around every parse-time and resolve-time error of an expression.
#pragma once
#include <cstdint>
#include <string>

namespace shoal::expr {

enum class ExprKind : uint8_t { Condition, Filter, KeyCondition, Update, Projection };

// "ConditionExpression", "FilterExpression", "KeyConditionExpression", "UpdateExpression",
// "ProjectionExpression".
const char* parameterName(ExprKind kind);

// Throws ApiError::validation("Invalid <parameterName(kind)>: <detail>").
[[noreturn]] void throwInvalid(ExprKind kind, const std::string& detail);

}  // namespace shoal::expr
