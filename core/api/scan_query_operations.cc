// Scan and Query.
#include "api/error.h"
#include "api/operation.h"
#include "api/read_page.h"
#include "api/table_name.h"
#include "api/violations.h"
#include "api/key_range.h"
#include "api/legacy_params.h"
#include "api/start_key_bounds.h"
#include "value/key_encoding.h"

namespace shoal {
namespace {

// FNV-1a: a stable hash of the encoded partition key, so each partition belongs to exactly
// one parallel-scan segment on every peer and in every run.
uint64_t partitionHash(std::string_view encodedPartition) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : encodedPartition) h = (h ^ c) * 1099511628211ull;
  return h;
}

}  // namespace

void scan(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  auto segment = req.integer("Segment");
  auto total = req.integer("TotalSegments");
  if (segment && *segment < 0) v.add("'" + std::to_string(*segment) + "'", "segment", "Member must have value greater than or equal to 0");
  if (segment && *segment > 999999)
    v.add("'" + std::to_string(*segment) + "'", "segment", "Member must have value less than or equal to 999999");
  if (total && *total < 1) v.add("'" + std::to_string(*total) + "'", "totalSegments", "Member must have value greater than or equal to 1");
  if (total && *total > 1000000)
    v.add("'" + std::to_string(*total) + "'", "totalSegments", "Member must have value less than or equal to 1000000");
  std::string name = requireTableName(req, v);
  if (segment && !total)
    throw ApiError::validation("The TotalSegments parameter is required but was not present in the request when Segment "
                               "parameter is present");
  if (total && !segment)
    throw ApiError::validation("The Segment parameter is required but was not present in the request when parameter "
                               "TotalSegments is present");
  if (segment && *segment >= *total)
    throw ApiError::validation("The Segment parameter is zero-based and must be less than parameter TotalSegments: "
                               "Segment: " + std::to_string(*segment) + " is not less than TotalSegments: " +
                               std::to_string(*total));
  ExpressionParams params(req, {"ProjectionExpression", "FilterExpression"},
                          {"AttributesToGet", "ScanFilter", "ConditionalOperator"});
  PageOptions options = readPageOptions(req, params, "ScanFilter");
  params.finish();

  Table& table = ctx.catalog.require(name);
  const SecondaryIndex* index = resolveReadIndex(req, table, options);
  auto start = readExclusiveStartKey(req, table, index);
  if (total && *total > 1) {
    uint64_t seg = static_cast<uint64_t>(*segment), n = static_cast<uint64_t>(*total);
    options.include = [seg, n](const std::string& key) {
      // An item key is the partition key's encoding followed by the sort key's; hash only the
      // former so a partition never straddles two segments.
      size_t pos = 0;
      decodeKey(key, pos);
      return partitionHash(std::string_view(key).substr(0, pos)) % n == seg;
    };
    if (start) checkScanStartKeySegment(*start, options.include, *segment, *total);
  }
  writePage(ctx, table, index, KeyInterval{}, start, options);
}

}  // namespace shoal

namespace shoal {

void query(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  std::string name = requireTableName(req, v);
  bool forward = req.boolean("ScanIndexForward").value_or(true);

  ExpressionParams params(req, {"KeyConditionExpression", "FilterExpression", "ProjectionExpression"},
                          {"KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator"});
  auto keyText = params.text("KeyConditionExpression");
  const JsonValue* legacyKeys = req.object("KeyConditions");
  if (!keyText && !legacyKeys)
    throw ApiError::validation("Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
                               "request.");
  PageOptions options = readPageOptions(req, params, "QueryFilter");
  options.forward = forward;

  Table& table = ctx.catalog.require(name);
  const SecondaryIndex* index = resolveReadIndex(req, table, options);
  const KeySchema& schema = index ? index->schema().key : table.schema().key;
  expr::KeyCondition key = keyText ? expr::compileKeyCondition(*keyText, params.context(), schema)
                                   : legacyKeyConditions(*legacyKeys, schema);
  params.finish();
  for (const std::string& attr : options.filter.topLevelAttributes()) {
    if (attr == schema.hash.name || (schema.range && attr == schema.range->name))
      throw ApiError::validation("Filter Expression can only contain non-primary key attributes: Primary key attribute: " +
                                 attr);
  }

  auto start = readExclusiveStartKey(req, table, index);
  checkQueryStartKey(req, key, schema);
  KeyInterval interval = keyInterval(encodeKey(key.partitionValue), key.sortKey ? &*key.sortKey : nullptr);
  writePage(ctx, table, index, interval, start, options);
}

}  // namespace shoal
