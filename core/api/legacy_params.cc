#include "api/legacy_params.h"

#include <set>

#include "api/error.h"
#include "api/violations.h"

namespace shoal {

expr::Condition legacyExpected(const RequestReader& request) {
  throw ApiError::validation("Expected is not supported by this version of ShoalDB; use ConditionExpression");
}

expr::Condition legacyFilter(const JsonValue& filter, const std::optional<std::string>& conditionalOperator,
                             const char* member) {
  throw ApiError::validation(std::string(member) + " is not supported by this version of ShoalDB; use FilterExpression");
}

expr::Projection legacyAttributesToGet(const JsonValue& list) {
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (const auto& e : list.GetArray()) {
    if (!e.IsString()) throw ApiError::serialization("Unexpected value type in AttributesToGet");
    std::string n(viewOf(e));
    if (!seen.insert(n).second)
      throw ApiError::validation("One or more parameter values were invalid: Duplicate value in attribute name: " + n);
    names.push_back(std::move(n));
  }
  if (names.empty()) {
    Violations v;
    v.add("[]", "attributesToGet", "Member must have length greater than or equal to 1");
    v.throwIfAny();
  }
  return expr::Projection::ofAttributes(names);
}

}  // namespace shoal
