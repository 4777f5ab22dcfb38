// TransactionCanceledException: why each action of a transaction could not run, in request
// order, as DynamoDB reports it: Code "None" for the actions that were fine,
// "ConditionalCheckFailed" (with the item when ReturnValuesOnConditionCheckFailure=ALL_OLD),
// "ProvisionedThroughputExceeded" (throughput emulation, api/throughput.h) or "ValidationError"
// with its message for the others.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "api/error.h"
#include "value/attribute_value.h"

namespace shoal {

struct CancellationReason {
  std::string code = "None";
  std::string message;        // empty for "None"
  std::optional<Item> item;   // ALL_OLD of a failed condition

  bool ok() const { return code == "None"; }
  // The reason an ApiError thrown while running one action stands for (a failed condition, a
  // throttled table or index, or any ValidationException as a ValidationError).
  static CancellationReason fromError(const ApiError& e);
  static CancellationReason validationError(std::string message) { return {"ValidationError", std::move(message), {}}; }
};

bool anyFailed(const std::vector<CancellationReason>& reasons);
// "Transaction cancelled, please refer cancellation reasons for specific reasons [None,
// ConditionalCheckFailed]" with the reasons as "CancellationReasons".
ApiError transactionCanceled(const std::vector<CancellationReason>& reasons);

}  // namespace shoal
