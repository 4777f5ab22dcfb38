#include "backup/backup_catalog.h"

#include <algorithm>

#include "api/table_description.h"
#include "value/fixed_digits.h"

namespace shoal {

const char* backupTypeName(BackupType type) { return type == BackupType::System ? "SYSTEM" : "USER"; }

const Backup* BackupCatalog::find(const std::string& arn) const {
  auto it = backups_.find(arn);
  return it == backups_.end() ? nullptr : &it->second;
}

void BackupCatalog::add(Backup backup) {
  std::string arn = backup.arn;
  backups_.insert_or_assign(std::move(arn), std::move(backup));
}

void BackupCatalog::erase(const std::string& arn) { backups_.erase(arn); }

std::string BackupCatalog::newBackupArn(const std::string& table, int64_t nowMillis, uint64_t siteId) const {
  // DynamoDB's backup id: the creation time in 14 zero-padded digits of milliseconds, a dash and
  // 8 hex digits. The digits mix the site id in, so two peers' backups of one table differ.
  for (uint64_t attempt = 0;; ++attempt) {
    uint64_t x = siteId * 0x9E3779B97F4A7C15ull ^ static_cast<uint64_t>(nowMillis) ^ (attempt << 40);
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
    x ^= x >> 31;
    std::string arn = tableArn(table) + "/backup/";
    appendDecimal(arn, nowMillis < 0 ? 0 : nowMillis, 14);
    arn += '-';
    appendHex(arn, x & 0xFFFFFFFFu, 8);
    if (!backups_.count(arn)) return arn;
  }
}

std::vector<std::string> BackupCatalog::expiredBackups(int64_t nowMillis) const {
  std::vector<std::string> out;
  for (const auto& [arn, b] : backups_)
    if (b.expiresMillis != 0 && b.expiresMillis <= nowMillis) out.push_back(arn);
  return out;
}

int64_t BackupCatalog::windowMillis(const PointInTimeRecovery& settings) const {
  int64_t days = settings.recoveryPeriodDays > 0 ? settings.recoveryPeriodDays : limits::kPitrDefaultRecoveryPeriodDays;
  return std::min(days * limits::kMillisPerDay, limits_.retentionMillis);
}

PointInTimeHistory& BackupCatalog::historyFor(const TableSchema& schema) {
  auto it = histories_.find(schema.name);
  // A history of an earlier period (turned off and on again since) is of no use.
  if (it == histories_.end() || it->second.enabledMillis() != schema.pointInTimeRecovery.enabledMillis)
    it = histories_.insert_or_assign(schema.name, PointInTimeHistory(schema.pointInTimeRecovery.enabledMillis)).first;
  return it->second;
}

void BackupCatalog::recordCommit(const ChangeSet& change, const PreviousItems& previous,
                                 const std::vector<Table*>& targets) {
  // Every write of every table passes here: a database without point-in-time recovery pays
  // one flag test per write.
  bool any = false;
  for (const Table* table : targets) any |= table->schema().pointInTimeRecovery.enabled;
  if (!any && histories_.empty()) return;
  // The change's time: the physical part of its hybrid-clock stamp.
  int64_t millis = static_cast<int64_t>(change.stamp.hlc >> 16);
  // Most commits touch one table; a transaction may touch several, each gets its own entry.
  std::map<const Table*, std::vector<PriorImage>> byTable;
  for (size_t i = 0; i < change.writes.size(); ++i) {
    const Table* table = targets[i];
    if (!table->schema().pointInTimeRecovery.enabled) continue;
    byTable[table].push_back({change.writes[i].key, previous[i]});
  }
  for (auto& [table, writes] : byTable) {
    const TableSchema& schema = table->schema();
    PointInTimeHistory& history = historyFor(schema);
    history.record(millis, std::move(writes));
    history.trim(millis - windowMillis(schema.pointInTimeRecovery), limits_.maxRetainedBytes);
  }
  // A table whose setting was turned off keeps no history (UpdateContinuousBackups drops it
  // at once; this catches a log replay, which only carries the schema).
  if (!histories_.empty())
    for (size_t i = 0; i < change.writes.size(); ++i)
      if (!targets[i]->schema().pointInTimeRecovery.enabled) histories_.erase(change.writes[i].table);
}

void BackupCatalog::startHistory(const std::string& table, int64_t enabledMillis) {
  histories_.insert_or_assign(table, PointInTimeHistory(enabledMillis));
}

void BackupCatalog::forgetHistory(const std::string& table) { histories_.erase(table); }

const PointInTimeHistory* BackupCatalog::history(const Table& table, int64_t nowMillis) {
  const TableSchema& schema = table.schema();
  if (!schema.pointInTimeRecovery.enabled) {
    histories_.erase(schema.name);
    return nullptr;
  }
  PointInTimeHistory& history = historyFor(schema);
  history.trim(nowMillis - windowMillis(schema.pointInTimeRecovery), limits_.maxRetainedBytes);
  return &history;
}

void BackupCatalog::putHistory(const std::string& table, PointInTimeHistory history) {
  histories_.insert_or_assign(table, std::move(history));
}

}  // namespace shoal
