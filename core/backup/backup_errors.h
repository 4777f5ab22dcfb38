// The error types of the backup and restore operations, with DynamoDB's messages where they are
// known (api/error.h holds the types every operation shares).
#pragma once
#include <string>

#include "api/error.h"

namespace shoal::backup_errors {

inline ApiError tableNotFound(const std::string& table) {
  return {"TableNotFoundException", "Table not found: " + table};
}
inline ApiError tableAlreadyExists(const std::string& table) {
  return {"TableAlreadyExistsException", "Table already exists: " + table};
}
inline ApiError backupNotFound(const std::string& arn) {
  return {"BackupNotFoundException", "Backup not found: " + arn};
}
inline ApiError pointInTimeRecoveryUnavailable(const std::string& table) {
  return {"PointInTimeRecoveryUnavailableException", "Point in time recovery is not enabled for table '" + table + "'"};
}
inline ApiError invalidRestoreTime(const std::string& detail) {
  return {"InvalidRestoreTimeException",
          "Invalid restore time specified. RestoreDateTime must be between "
          "EarliestRestorableDateTime and LatestRestorableDateTime. " +
              detail};
}

}  // namespace shoal::backup_errors
