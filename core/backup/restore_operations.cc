// RestoreTableFromBackup and RestoreTableToPointInTime: both create a new table with the items
// of the source and answer its description with TableStatus CREATING and a RestoreSummary whose
// RestoreInProgress is true, as DynamoDB answers a restore. Unlike DynamoDB, the restore is done
// when it answers: the table is readable and writable at once, and DescribeTable reports it
// ACTIVE from the next request on, so SDK waiters (waitUntilTableExists) finish at once.
#include "api/operation.h"
#include "api/table_description.h"
#include "api/time_format.h"
#include "backup/backup_errors.h"
#include "backup/backup_params.h"
#include "backup/backup_operations.h"
#include "backup/restore.h"
#include "backup/table_image.h"
#include "storage/decode_error.h"

namespace shoal {
namespace {

void answerRestored(OperationContext& ctx, const Table& table) {
  ctx.out.StartObject();
  writeKey(ctx.out, "TableDescription");
  writeTableDescription(ctx.out, table, "CREATING");
  ctx.out.EndObject();
}

}  // namespace

void restoreTableFromBackup(OperationContext& ctx) {
  Violations v;
  RestoreRequest request = readRestoreRequest(ctx.request, v);
  auto arn = ctx.request.string("BackupArn");
  checkBackupArn(v, arn, "backupArn");
  v.throwIfAny();
  dropExpiredBackups(ctx.catalog, ctx.nowMillis);
  if (ctx.catalog.find(request.targetTable)) throw backup_errors::tableAlreadyExists(request.targetTable);
  const Backup* backup = ctx.catalog.backups().find(*arn);
  if (!backup) throw backup_errors::backupNotFound(*arn);

  RestoreSource from{backup->arn, tableArn(backup->table.name), backup->createdMillis};
  TableSchema schema = restoredSchema(backup->table, request, from, ctx.nowMillis, ctx.catalog.siteId());
  Table::Rows rows;
  try {
    rows = readImage(*backup);
  } catch (const storage::DecodeError& e) {
    // The image was checksummed wherever it was stored; this is a bug, not bad input.
    throw ApiError::internal(std::string("The backup's items cannot be read: ") + e.what());
  }
  answerRestored(ctx, createRestoredTable(ctx.catalog, std::move(schema), std::move(rows), ctx.nowMillis));
}

void restoreTableToPointInTime(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  RestoreRequest request = readRestoreRequest(req, v);
  std::string source;
  bool byName = req.member("SourceTableName") != nullptr, byArn = req.member("SourceTableArn") != nullptr;
  if (byName) source = readTableNameOrArn(req, "SourceTableName", "sourceTableName", v);
  if (byArn) source = readTableNameOrArn(req, "SourceTableArn", "sourceTableArn", v);
  auto useLatest = req.boolean("UseLatestRestorableTime");
  auto at = readEpochMillis(req, "RestoreDateTime");
  v.throwIfAny();
  if (byName == byArn)
    throw ApiError::validation(byName ? "Only one of SourceTableName or SourceTableArn can be specified"
                                      : "Either SourceTableName or SourceTableArn must be specified");
  bool latest = useLatest.value_or(false);
  if (latest && at)
    throw ApiError::validation("Only one of RestoreDateTime or UseLatestRestorableTime can be specified");
  if (!latest && !at) throw ApiError::validation("Either RestoreDateTime or UseLatestRestorableTime must be specified");

  Table* table = ctx.catalog.find(source);
  if (!table) throw backup_errors::tableNotFound(source);
  if (ctx.catalog.find(request.targetTable)) throw backup_errors::tableAlreadyExists(request.targetTable);
  const PointInTimeHistory* history = ctx.catalog.backups().history(*table, ctx.nowMillis);
  if (!history) throw backup_errors::pointInTimeRecoveryUnavailable(source);
  const PointInTimeRecovery& pitr = table->schema().pointInTimeRecovery;
  int64_t earliest = history->earliestRestorable(ctx.nowMillis, ctx.catalog.backups().windowMillis(pitr));
  int64_t latestTime = history->latestRestorable(ctx.nowMillis);
  int64_t when = latest ? latestTime : *at;
  if (when < earliest || when > latestTime)
    throw backup_errors::invalidRestoreTime("RestoreDateTime: " + isoTimestamp(when) +
                                            "Z, EarliestRestorableDateTime: " + isoTimestamp(earliest) +
                                            "Z, LatestRestorableDateTime: " + isoTimestamp(latestTime) + "Z");

  RestoreSource from{"", tableArn(source), when};
  TableSchema schema = restoredSchema(table->schema(), request, from, ctx.nowMillis, ctx.catalog.siteId());
  Table::Rows rows = history->rowsAt(when, table->rows());
  answerRestored(ctx, createRestoredTable(ctx.catalog, std::move(schema), std::move(rows), ctx.nowMillis));
}

}  // namespace shoal
