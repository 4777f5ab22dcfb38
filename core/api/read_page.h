// One page of a Query or Scan, on a table or on a secondary index: walk a range of the ordered
// index, stop at Limit items or 1 MB read (measured before the filter, as DynamoDB measures
// it), filter, project, and write Items/Count/ScannedCount/LastEvaluatedKey/ConsumedCapacity.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "api/capacity.h"
#include "api/expression_params.h"
#include "api/key_range.h"
#include "api/operation.h"
#include "expr/condition.h"
#include "expr/projection.h"
#include "table/table.h"

namespace shoal {

enum class Select { AllAttributes, AllProjected, Specific, Count };

struct PageOptions {
  Select select = Select::AllAttributes;
  bool selectGiven = false;
  std::optional<expr::Projection> projection;
  expr::Condition filter;
  std::optional<int64_t> limit;
  bool consistent = false;
  bool forward = true;
  CapacityDetail capacity = CapacityDetail::None;
  std::function<bool(const std::string& key)> include;  // e.g. the Scan segment; null = all
};

// Reads the members Query and Scan share: Select, ProjectionExpression/AttributesToGet,
// Limit, ConsistentRead, ReturnConsumedCapacity and the filter (FilterExpression or the
// legacy `legacyFilterMember`, "ScanFilter" or "QueryFilter").
PageOptions readPageOptions(const RequestReader& request, ExpressionParams& params, const char* legacyFilterMember);

// The secondary index named by IndexName (nullptr without one), checked as DynamoDB checks a
// read through it: it exists, is not backfilling, ConsistentRead only on an LSI, and the
// Select type fits its projection. Settles the default Select.
const SecondaryIndex* resolveReadIndex(const RequestReader& request, const Table& table, PageOptions& options);

// The ExclusiveStartKey as a position in the table's rows or in `index`'s entries.
std::optional<std::string> readExclusiveStartKey(const RequestReader& request, const Table& table,
                                                 const SecondaryIndex* index);

// Writes the page of `interval` (a range of table rows, or of `index` entries).
void writePage(OperationContext& ctx, const Table& table, const SecondaryIndex* index, const KeyInterval& interval,
               const std::optional<std::string>& exclusiveStart, const PageOptions& options);

}  // namespace shoal
