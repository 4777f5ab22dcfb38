// What RestoreTableFromBackup and RestoreTableToPointInTime share: the target table's name and
// DynamoDB's overrides, the restored table's schema, and creating it with its items.
//
// The restored table takes the source's key schema, indexes and capacity (as DynamoDB does:
// from the backup, or from the source table's current settings for a point-in-time restore),
// then the overrides: BillingModeOverride, ProvisionedThroughputOverride, and
// GlobalSecondaryIndexOverride / LocalSecondaryIndexOverride, which choose which of the
// source's indexes the new table keeps (each must match a source index; an empty list keeps
// none). Stream, time to live, deletion protection and point-in-time recovery start off, as
// DynamoDB leaves them for the user to set again. SSESpecificationOverride and
// OnDemandThroughputOverride are accepted and have no effect (ShoalDB has neither setting).
#pragma once
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "api/catalog.h"
#include "api/index_definitions.h"
#include "api/key_schema_param.h"
#include "api/violations.h"
#include "json/request_reader.h"

namespace shoal {

struct RestoreRequest {
  std::string targetTable;
  std::optional<BillingMode> billing;
  std::optional<std::pair<int64_t, int64_t>> throughput;  // read, write
  std::optional<std::vector<IndexDefinition>> globalIndexes;
  std::optional<std::vector<IndexDefinition>> localIndexes;
};

// TargetTableName and the overrides; shape violations go to `v`.
RestoreRequest readRestoreRequest(const RequestReader& request, Violations& v);

// The new table's schema. ValidationException when an override does not fit the source.
TableSchema restoredSchema(const TableSchema& source, const RestoreRequest& request, RestoreSource from,
                           int64_t nowMillis, uint64_t siteId);

// Creates the table holding `rows` (items keep their stamps) as one change, Catalog::createFilled:
// one log record. Every item is checked against the new indexes first, so a refusal leaves
// nothing behind.
Table& createRestoredTable(Catalog& catalog, TableSchema schema, Table::Rows rows, int64_t nowMillis);

}  // namespace shoal
