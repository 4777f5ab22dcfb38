// The legacy (pre-expression) parameters that older code still sends — Expected,
// ConditionalOperator, AttributesToGet, KeyConditions, QueryFilter, ScanFilter and
// AttributeUpdates — read from the request JSON and handed to the expression engine
// (expr/legacy.h), which translates them into the same trees expressions compile to.
#pragma once
#include <optional>
#include <string>

#include "expr/condition.h"
#include "expr/key_condition.h"
#include "expr/projection.h"
#include "expr/update.h"
#include "json/request_reader.h"

namespace shoal {

// Expected (+ ConditionalOperator) of PutItem/UpdateItem/DeleteItem.
expr::Condition legacyExpected(const RequestReader& request);
// QueryFilter / ScanFilter (+ ConditionalOperator); `member` names the parameter in messages.
expr::Condition legacyFilter(const JsonValue& filter, const std::optional<std::string>& conditionalOperator,
                             const char* member);
// KeyConditions of Query.
expr::KeyCondition legacyKeyConditions(const JsonValue& keyConditions, const KeySchema& schema);
// AttributeUpdates of UpdateItem.
expr::UpdateExpression legacyAttributeUpdates(const JsonValue& attributeUpdates);
// AttributesToGet of GetItem/Query/Scan/BatchGetItem.
expr::Projection legacyAttributesToGet(const JsonValue& attributesToGet);

}  // namespace shoal
