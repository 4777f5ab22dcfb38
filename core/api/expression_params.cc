#include "api/expression_params.h"

#include "api/error.h"
#include "json/wire_value.h"

namespace shoal {
namespace {

std::string braceList(const std::vector<std::string>& names) {
  std::string s = "{";
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s + "}";
}

}  // namespace

ExpressionParams::ExpressionParams(const RequestReader& request, std::vector<const char*> expressionMembers,
                                   std::vector<const char*> legacyMembers)
    : request_(request) {
  std::vector<std::string> usedExpr, usedLegacy;
  for (const char* m : expressionMembers)
    if (request.member(m)) usedExpr.push_back(m);
  for (const char* m : legacyMembers)
    if (request.member(m)) usedLegacy.push_back(m);
  if (!usedExpr.empty() && !usedLegacy.empty())
    throw ApiError::validation(
        "Can not use both expression and non-expression parameters in the same request: Non-expression parameters: " +
        braceList(usedLegacy) + " Expression parameters: " + braceList(usedExpr));
  usesLegacy_ = !usedLegacy.empty();

  const JsonValue* names = request.object("ExpressionAttributeNames");
  const JsonValue* values = request.object("ExpressionAttributeValues");
  if (usedExpr.empty()) {
    if (names) throw ApiError::validation("ExpressionAttributeNames can only be specified when using expressions");
    if (values) throw ApiError::validation("ExpressionAttributeValues can only be specified when using expressions");
  }
  if (names) {
    for (auto it = names->MemberBegin(); it != names->MemberEnd(); ++it) {
      if (!it->value.IsString())
        throw ApiError::serialization(std::string(jsonKindName(it->value)) + " cannot be converted to String");
      names_[std::string(viewOf(it->name))] = std::string(viewOf(it->value));
    }
    ctx_.names = &names_;
  }
  if (values) {
    // A bad value is reported as DynamoDB does, naming the parameter it came from.
    for (auto it = values->MemberBegin(); it != values->MemberEnd(); ++it) {
      try {
        values_[std::string(viewOf(it->name))] = parseAttributeValue(it->value);
      } catch (const ApiError& e) {
        if (e.type() != "ValidationException") throw;
        throw ApiError::validation(std::string("ExpressionAttributeValues contains invalid value: ") + e.what() +
                                   " for key " + std::string(viewOf(it->name)));
      }
    }
    ctx_.values = &values_;
  }
  expr::validateSubstitutions(ctx_.names, ctx_.values);
}

}  // namespace shoal
