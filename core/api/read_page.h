// One page of a Query or Scan: walk a range of the ordered index, stop at Limit items or 1 MB
// read (measured before the filter, as DynamoDB measures it), filter, project, and write
// Items/Count/ScannedCount/LastEvaluatedKey/ConsumedCapacity.
#pragma once
#include <functional>
#include <optional>
#include <string>

#include "api/capacity.h"
#include "api/expression_params.h"
#include "api/operation.h"
#include "expr/condition.h"
#include "expr/projection.h"
#include "table/table.h"

namespace shoal {

enum class Select { AllAttributes, AllProjected, Specific, Count };

struct PageOptions {
  Select select = Select::AllAttributes;
  std::optional<expr::Projection> projection;
  expr::Condition filter;
  std::optional<int64_t> limit;
  bool consistent = false;
  bool forward = true;
  CapacityDetail capacity = CapacityDetail::None;
  std::function<bool(const std::string& key)> include;  // e.g. the Scan segment; null = all
};

// Reads the members Query and Scan share: Select, ProjectionExpression/AttributesToGet,
// Limit, ConsistentRead, ReturnConsumedCapacity. `filterMember`/`legacyFilterMember` name the
// filter parameters ("FilterExpression", "ScanFilter" or "QueryFilter").
PageOptions readPageOptions(const RequestReader& request, ExpressionParams& params, const char* legacyFilterMember);

// The ExclusiveStartKey of the request as an encoded key of `table`, if present.
std::optional<std::string> readExclusiveStartKey(const RequestReader& request, const Table& table);

void writePage(OperationContext& ctx, const Table& table, Table::Rows::const_iterator begin,
               Table::Rows::const_iterator end, const PageOptions& options);

}  // namespace shoal
