// UpdateContinuousBackups and DescribeContinuousBackups: point-in-time recovery per table. The
// setting lives in the table's schema (so the log and snapshots carry it like any other table
// setting) and the history it restores from in the catalog's BackupCatalog.
//
// LatestRestorableDateTime is the engine's current time: every committed change is already in
// the history, where DynamoDB lags about 5 minutes behind.
#include "api/limits.h"
#include "api/operation.h"
#include "backup/backup_description.h"
#include "backup/backup_errors.h"
#include "backup/backup_params.h"

namespace shoal {
namespace {

Table& requireTable(Catalog& catalog, const std::string& name) {
  Table* table = catalog.find(name);
  if (!table) throw backup_errors::tableNotFound(name);
  return *table;
}

void answer(OperationContext& ctx, const Table& table) {
  ctx.out.StartObject();
  writeKey(ctx.out, "ContinuousBackupsDescription");
  writeContinuousBackupsDescription(ctx.out, ctx.catalog.backups(), table, ctx.nowMillis);
  ctx.out.EndObject();
}

}  // namespace

void updateContinuousBackups(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  std::string name = readTableNameOrArn(req, "TableName", "tableName", v);
  const JsonValue* specJson = req.object("PointInTimeRecoverySpecification");
  v.notNull(specJson != nullptr, "pointInTimeRecoverySpecification");
  std::optional<bool> enabled;
  std::optional<int64_t> days;
  if (specJson) {
    RequestReader spec(*specJson);
    enabled = spec.boolean("PointInTimeRecoveryEnabled");
    days = spec.integer("RecoveryPeriodInDays");
    v.notNull(enabled.has_value(), "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled");
    if (days && *days < limits::kPitrMinRecoveryPeriodDays)
      v.add("'" + std::to_string(*days) + "'", "pointInTimeRecoverySpecification.recoveryPeriodInDays",
            "Member must have value greater than or equal to " + std::to_string(limits::kPitrMinRecoveryPeriodDays));
    if (days && *days > limits::kPitrMaxRecoveryPeriodDays)
      v.add("'" + std::to_string(*days) + "'", "pointInTimeRecoverySpecification.recoveryPeriodInDays",
            "Member must have value less than or equal to " + std::to_string(limits::kPitrMaxRecoveryPeriodDays));
  }
  v.throwIfAny();
  if (!*enabled && days)
    throw ApiError::validation("RecoveryPeriodInDays can only be specified when PointInTimeRecoveryEnabled is true");

  Table& table = requireTable(ctx.catalog, name);
  PointInTimeRecovery next = table.schema().pointInTimeRecovery;
  if (*enabled) {
    if (!next.enabled) {
      next.enabled = true;
      next.enabledMillis = ctx.nowMillis;  // what was before is not restorable
    }
    if (days) next.recoveryPeriodDays = *days == limits::kPitrDefaultRecoveryPeriodDays ? 0 : *days;
  } else {
    next = PointInTimeRecovery();
  }
  PointInTimeRecovery& live = table.mutableSchema().pointInTimeRecovery;
  bool changed = live.enabled != next.enabled || live.enabledMillis != next.enabledMillis ||
                 live.recoveryPeriodDays != next.recoveryPeriodDays;
  if (changed) {
    bool started = next.enabled && !live.enabled;
    live = next;
    if (started) ctx.catalog.backups().startHistory(name, next.enabledMillis);
    if (!next.enabled) ctx.catalog.backups().forgetHistory(name);
    ctx.catalog.schemaChanged(table);
  }
  answer(ctx, table);
}

void describeContinuousBackups(OperationContext& ctx) {
  Violations v;
  std::string name = readTableNameOrArn(ctx.request, "TableName", "tableName", v);
  v.throwIfAny();
  answer(ctx, requireTable(ctx.catalog, name));
}

}  // namespace shoal
