// The expression parameters of one request: ExpressionAttributeNames and
// ExpressionAttributeValues, read and checked once, shared by every expression the request
// carries, and checked for unused entries after all of them are compiled. Also enforces
// DynamoDB's rules on mixing expressions with the legacy parameters.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "expr/context.h"
#include "json/request_reader.h"

namespace shoal {

class ExpressionParams {
 public:
  // `expressionMembers` are the expression parameters this operation accepts (e.g.
  // {"ConditionExpression"}), `legacyMembers` its non-expression counterparts (e.g.
  // {"Expected", "ConditionalOperator"}).
  ExpressionParams(const RequestReader& request, std::vector<const char*> expressionMembers,
                   std::vector<const char*> legacyMembers);

  // The text of an expression parameter, if the request has it.
  std::optional<std::string> text(const char* member) const { return request_.string(member); }
  expr::ExpressionContext& context() { return ctx_; }
  bool usesLegacy() const { return usesLegacy_; }
  // Call after compiling every expression: unused names/values are a ValidationException.
  void finish() const { ctx_.checkAllUsed(); }

 private:
  const RequestReader& request_;
  std::map<std::string, std::string> names_;
  std::map<std::string, AttributeValue> values_;
  expr::ExpressionContext ctx_;
  bool usesLegacy_ = false;
};

}  // namespace shoal
