// The database's backups and point-in-time recovery histories. The Catalog owns one (so a
// snapshot carries it and recovery rebuilds it with the tables) and is its only writer:
// Catalog::addBackup / deleteBackup change the backups and tell the log; Catalog::commit feeds
// every committed change to the history of each table whose point-in-time recovery is on.
//
// A table's history follows its schema's PointInTimeRecovery setting: it is started (empty)
// by the first commit after the setting was turned on, or by UpdateContinuousBackups itself,
// and dropped once the setting is off or the table is deleted. Replaying the log therefore
// rebuilds exactly the history the live engine had.
#pragma once
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "api/limits.h"
#include "backup/backup.h"
#include "backup/point_in_time_history.h"
#include "table/change_set.h"
#include "table/table.h"

namespace shoal {

// Engine options (Engine::setPointInTimeRecoveryLimits, ShoalDB.open's pointInTimeRecovery).
struct PointInTimeLimits {
  int64_t retentionMillis = limits::kPitrDefaultRecoveryPeriodDays * limits::kMillisPerDay;
  size_t maxRetainedBytes = limits::kPitrMaxRetainedBytesPerTable;
};

class BackupCatalog {
 public:
  // --- Backups, by ARN.
  const std::map<std::string, Backup>& backups() const { return backups_; }
  const Backup* find(const std::string& arn) const;
  void add(Backup backup);  // replaces one with the same ARN (the caller checks there is none)
  void erase(const std::string& arn);
  // A new ARN for a backup of `table` taken at `nowMillis`, unique among the backups kept.
  std::string newBackupArn(const std::string& table, int64_t nowMillis, uint64_t siteId) const;
  // ARNs of SYSTEM backups whose time has passed.
  std::vector<std::string> expiredBackups(int64_t nowMillis) const;

  // --- Point-in-time recovery.
  void setLimits(const PointInTimeLimits& limits) { limits_ = limits; }
  const PointInTimeLimits& limits() const { return limits_; }
  // The recovery window of a table: its RecoveryPeriodInDays (35 by default), but never more
  // than the engine's retention.
  int64_t windowMillis(const PointInTimeRecovery& settings) const;

  // Catalog::commit: `targets[i]` is the table of change.writes[i], `previous` what they replaced.
  void recordCommit(const ChangeSet& change, const PreviousItems& previous, const std::vector<Table*>& targets);
  // UpdateContinuousBackups turning it on (the history starts now, empty) or off.
  void startHistory(const std::string& table, int64_t enabledMillis);
  void forgetHistory(const std::string& table);
  // The history that belongs to `table`'s current setting, trimmed to the window at `nowMillis`;
  // an empty one when no change was recorded since it was turned on. nullptr when it is off.
  const PointInTimeHistory* history(const Table& table, int64_t nowMillis);
  // Every history kept, by table name (the snapshot writes them).
  const std::map<std::string, PointInTimeHistory>& histories() const { return histories_; }
  void putHistory(const std::string& table, PointInTimeHistory history);

 private:
  PointInTimeHistory& historyFor(const TableSchema& schema);

  std::map<std::string, Backup> backups_;
  std::map<std::string, PointInTimeHistory> histories_;
  PointInTimeLimits limits_;
};

}  // namespace shoal
