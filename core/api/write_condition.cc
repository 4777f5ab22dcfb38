#include "api/write_condition.h"

#include "api/error.h"
#include "api/legacy_params.h"
#include "api/violations.h"

namespace shoal {

WriteCondition WriteCondition::read(const RequestReader& request, ExpressionParams& params) {
  WriteCondition wc;
  if (auto text = params.text("ConditionExpression")) {
    wc.condition_ = expr::Condition::compile(*text, expr::ExprKind::Condition, params.context());
  } else if (request.member("Expected")) {
    wc.condition_ = legacyExpected(request);
  } else if (request.member("ConditionalOperator")) {
    throw ApiError::validation("ConditionalOperator can only be used when Expected or QueryFilter or ScanFilter are present");
  }
  if (auto rv = request.string("ReturnValuesOnConditionCheckFailure")) {
    if (*rv == "ALL_OLD") {
      wc.returnOld_ = true;
    } else if (*rv != "NONE") {
      Violations v;
      v.add("'" + *rv + "'", "returnValuesOnConditionCheckFailure", "Member must satisfy enum value set: [ALL_OLD, NONE]");
      v.throwIfAny();
    }
  }
  return wc;
}

bool WriteCondition::holds(const StoredItem* existing) const {
  if (condition_.empty()) return true;
  return condition_.evaluate(existing ? existing->toItem() : Item{});
}

void WriteCondition::check(const StoredItem* existing) const {
  if (holds(existing)) return;
  ApiError e = ApiError::conditionalCheckFailed();
  if (returnOld_ && existing) e.withItem(existing->toItem());
  throw e;
}

}  // namespace shoal
