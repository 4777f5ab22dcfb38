#include "api/start_key_bounds.h"

#include "api/error.h"
#include "json/wire_value.h"
#include "value/key_encoding.h"

namespace shoal {

void checkQueryStartKey(const RequestReader& request, const expr::KeyCondition& condition, const KeySchema& schema) {
  const JsonValue* esk = request.object("ExclusiveStartKey");
  if (!esk) return;
  // readExclusiveStartKey has already checked the key against the schema: both attributes
  // exist and are of their declared types.
  Item key = parseAttributeMap(*esk);
  auto partition = key.find(schema.hash.name);
  bool samePartition = partition != key.end() && encodeKey(partition->second) == encodeKey(condition.partitionValue);
  if (!condition.sortKey) {
    if (!samePartition)
      throw ApiError::validation("The provided starting key is outside query boundaries based on provided conditions");
    return;
  }
  auto sort = schema.range ? key.find(schema.range->name) : key.end();
  if (!samePartition || sort == key.end() || !condition.sortKey->matches(sort->second))
    throw ApiError::validation("The provided starting key does not match the range key predicate");
}

void checkScanStartKeySegment(const std::string& position, const std::function<bool(const std::string&)>& inSegment,
                              int64_t segment, int64_t totalSegments) {
  if (inSegment(position)) return;
  throw ApiError::validation(
      "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct "
      "Segment. TotalSegments: " + std::to_string(totalSegments) + " Segment: " + std::to_string(segment));
}

}  // namespace shoal
