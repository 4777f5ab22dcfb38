// Where an ExclusiveStartKey may point, beyond matching the key schema (read_page.h checks
// that): inside the Query's key condition, and inside the Scan's parallel segment. A start key
// elsewhere is a ValidationException, as DynamoDB answers it, rather than a page that silently
// restarts or skips part of the answer.
#pragma once
#include <cstdint>
#include <functional>
#include <string>

#include "expr/key_condition.h"
#include "json/request_reader.h"
#include "table/schema.h"

namespace shoal {

// Query: `schema` is the key schema the condition was compiled against (the table's or the
// index's). Without a sort-key condition, a start key in another partition is "outside query
// boundaries"; with one, any start key outside the condition (its partition included) "does
// not match the range key predicate". No-op without an ExclusiveStartKey.
void checkQueryStartKey(const RequestReader& request, const expr::KeyCondition& condition, const KeySchema& schema);

// Scan with TotalSegments > 1: `inSegment` tells whether the start key's encoded position
// belongs to the requested segment.
void checkScanStartKeySegment(const std::string& position, const std::function<bool(const std::string&)>& inSegment,
                              int64_t segment, int64_t totalSegments);

}  // namespace shoal
