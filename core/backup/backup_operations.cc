// CreateBackup, DescribeBackup, DeleteBackup, ListBackups. A backup is complete when CreateBackup
// answers (the copy is taken in that request), so it is AVAILABLE at once where DynamoDB first
// reports CREATING for a while.
#include "backup/backup_operations.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "api/limits.h"
#include "api/operation.h"
#include "backup/backup_description.h"
#include "backup/backup_errors.h"
#include "backup/backup_params.h"
#include "backup/table_image.h"

namespace shoal {
namespace {

const Backup& requireBackup(Catalog& catalog, const std::string& arn) {
  const Backup* b = catalog.backups().find(arn);
  if (!b) throw backup_errors::backupNotFound(arn);
  return *b;
}

std::string readBackupArn(const RequestReader& req) {
  Violations v;
  auto arn = req.string("BackupArn");
  checkBackupArn(v, arn, "backupArn");
  v.throwIfAny();
  return *arn;
}

// ListBackups order: creation time, then ARN. The time is also in the ARN (its backup id starts
// with the 14-digit milliseconds), so paging can resume after a backup deleted since.
std::tuple<int64_t, std::string> listPosition(const Catalog& catalog, const std::string& arn) {
  if (const Backup* b = catalog.backups().find(arn)) return {b->createdMillis, arn};
  size_t at = arn.rfind("/backup/");
  std::string id = at == std::string::npos ? "" : arn.substr(at + 8);
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  if (id.size() < 15 || id[14] != '-' || !std::all_of(id.begin(), id.begin() + 14, digit))
    throw ApiError::validation("Invalid ExclusiveStartBackupArn: " + arn);
  return {std::stoll(id.substr(0, 14)), arn};
}

}  // namespace

void keepDeletedTableBackup(Catalog& catalog, const Table& table, int64_t nowMillis) {
  Backup b;
  b.arn = catalog.backups().newBackupArn(table.schema().name, nowMillis, catalog.siteId());
  b.name = table.schema().name + "$DeletedTableBackup";
  b.type = BackupType::System;
  b.createdMillis = nowMillis;
  b.expiresMillis = nowMillis + limits::kSystemBackupRetentionMillis;
  captureTable(table, b);
  catalog.addBackup(std::move(b));
}

void dropExpiredBackups(Catalog& catalog, int64_t nowMillis) {
  for (const std::string& arn : catalog.backups().expiredBackups(nowMillis)) catalog.deleteBackup(arn);
}

void createBackup(OperationContext& ctx) {
  Violations v;
  std::string table = readTableNameOrArn(ctx.request, "TableName", "tableName", v);
  auto name = ctx.request.string("BackupName");
  checkBackupName(v, name);
  v.throwIfAny();
  dropExpiredBackups(ctx.catalog, ctx.nowMillis);
  const Table* source = ctx.catalog.find(table);
  if (!source) throw backup_errors::tableNotFound(table);

  Backup b;
  b.arn = ctx.catalog.backups().newBackupArn(table, ctx.nowMillis, ctx.catalog.siteId());
  b.name = *name;
  b.createdMillis = ctx.nowMillis;
  captureTable(*source, b);
  std::string arn = b.arn;
  ctx.catalog.addBackup(std::move(b));

  ctx.out.StartObject();
  writeKey(ctx.out, "BackupDetails");
  writeBackupDetails(ctx.out, requireBackup(ctx.catalog, arn), "AVAILABLE");
  ctx.out.EndObject();
}

void describeBackup(OperationContext& ctx) {
  std::string arn = readBackupArn(ctx.request);
  dropExpiredBackups(ctx.catalog, ctx.nowMillis);
  const Backup& b = requireBackup(ctx.catalog, arn);
  ctx.out.StartObject();
  writeKey(ctx.out, "BackupDescription");
  writeBackupDescription(ctx.out, b, "AVAILABLE");
  ctx.out.EndObject();
}

void deleteBackup(OperationContext& ctx) {
  std::string arn = readBackupArn(ctx.request);
  dropExpiredBackups(ctx.catalog, ctx.nowMillis);
  const Backup& b = requireBackup(ctx.catalog, arn);
  ctx.out.StartObject();
  writeKey(ctx.out, "BackupDescription");
  writeBackupDescription(ctx.out, b, "DELETED");
  ctx.out.EndObject();
  ctx.catalog.deleteBackup(arn);
}

void listBackups(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  std::optional<std::string> table;
  if (req.member("TableName")) table = readTableNameOrArn(req, "TableName", "tableName", v);
  auto limit = req.integer("Limit");
  if (limit && *limit < 1)
    v.add("'" + std::to_string(*limit) + "'", "limit", "Member must have value greater than or equal to 1");
  if (limit && *limit > limits::kListBackupsMaxLimit)
    v.add("'" + std::to_string(*limit) + "'", "limit",
          "Member must have value less than or equal to " + std::to_string(limits::kListBackupsMaxLimit));
  auto start = req.string("ExclusiveStartBackupArn");
  if (start) checkBackupArn(v, start, "exclusiveStartBackupArn");
  auto type = req.string("BackupType");
  if (type && *type != "USER" && *type != "SYSTEM" && *type != "AWS_BACKUP" && *type != "ALL")
    v.add("'" + *type + "'", "backupType", "Member must satisfy enum value set: [USER, SYSTEM, AWS_BACKUP, ALL]");
  auto lower = readEpochMillis(req, "TimeRangeLowerBound");
  auto upper = readEpochMillis(req, "TimeRangeUpperBound");
  v.throwIfAny();
  dropExpiredBackups(ctx.catalog, ctx.nowMillis);

  std::string wanted = type.value_or("USER");  // DynamoDB lists USER backups unless asked otherwise
  std::vector<const Backup*> matching;
  for (const auto& [arn, b] : ctx.catalog.backups().backups()) {
    if (table && b.table.name != *table) continue;
    if (wanted != "ALL" && wanted != backupTypeName(b.type)) continue;  // AWS_BACKUP: none here
    // The lower bound is inclusive, the upper one exclusive.
    if (lower && b.createdMillis < *lower) continue;
    if (upper && b.createdMillis >= *upper) continue;
    matching.push_back(&b);
  }
  auto position = [](const Backup* b) { return std::tuple<int64_t, const std::string&>(b->createdMillis, b->arn); };
  std::sort(matching.begin(), matching.end(),
            [&](const Backup* a, const Backup* b) { return position(a) < position(b); });
  auto it = matching.begin();
  if (start) {
    auto after = listPosition(ctx.catalog, *start);
    it = std::upper_bound(matching.begin(), matching.end(), after, [&](const auto& key, const Backup* b) {
      return std::tuple<int64_t, const std::string&>(std::get<0>(key), std::get<1>(key)) < position(b);
    });
  }
  size_t max = static_cast<size_t>(limit.value_or(limits::kListBackupsMaxLimit));
  ctx.out.StartObject();
  writeKey(ctx.out, "BackupSummaries");
  ctx.out.StartArray();
  const Backup* last = nullptr;
  size_t n = 0;
  for (; it != matching.end() && n < max; ++it, ++n) {
    writeBackupSummary(ctx.out, **it);
    last = *it;
  }
  ctx.out.EndArray();
  if (it != matching.end() && last) {
    writeKey(ctx.out, "LastEvaluatedBackupArn");
    writeString(ctx.out, last->arn);
  }
  ctx.out.EndObject();
}

}  // namespace shoal
