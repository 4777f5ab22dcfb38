// Capacity units as DynamoDB computes them, and the ConsumedCapacity response member.
#pragma once
#include <optional>
#include <string>

#include "json/json.h"
#include "json/request_reader.h"

namespace shoal {

enum class CapacityDetail { None, Total, Indexes };

// Reads and validates ReturnConsumedCapacity.
CapacityDetail readReturnConsumedCapacity(const RequestReader& request);

// One write unit per started KB of the larger of the old and new item (at least one).
double writeUnits(size_t itemBytes);
// One read unit per started 4 KB (at least one), half of it when eventually consistent.
double readUnits(size_t itemBytes, bool consistent);

void writeConsumedCapacity(JsonWriter& w, CapacityDetail detail, const std::string& table, double units);

}  // namespace shoal
