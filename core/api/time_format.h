// ISO 8601 timestamps ("2024-03-01T12:00:00.000") from engine milliseconds, as DynamoDB uses
// them in stream labels and ARNs. No locale and no time zone database: plain UTC arithmetic.
#pragma once
#include <cstdint>
#include <string>

namespace shoal {

std::string isoTimestamp(int64_t millis);

}  // namespace shoal
