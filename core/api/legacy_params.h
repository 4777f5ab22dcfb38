// The legacy (pre-expression) parameters that older code still sends — Expected,
// ConditionalOperator, AttributesToGet, KeyConditions, QueryFilter, ScanFilter and
// AttributeUpdates — read from the request JSON and translated into the one expression engine.
#pragma once
#include <optional>
#include <string>

#include "expr/condition.h"
#include "expr/projection.h"
#include "json/request_reader.h"

namespace shoal {

// Expected (+ ConditionalOperator) of PutItem/UpdateItem/DeleteItem.
expr::Condition legacyExpected(const RequestReader& request);
// QueryFilter / ScanFilter (+ ConditionalOperator); `member` names the parameter in messages.
expr::Condition legacyFilter(const JsonValue& filter, const std::optional<std::string>& conditionalOperator,
                             const char* member);
// AttributesToGet of GetItem/Query/Scan/BatchGetItem.
expr::Projection legacyAttributesToGet(const JsonValue& attributesToGet);

}  // namespace shoal
