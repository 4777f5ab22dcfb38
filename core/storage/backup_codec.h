// The binary codec of backups and point-in-time recovery histories (backup/), used by the
// CreateBackup log record and by the snapshot's backup sections (backup_sections.h). Layout in
// FORMAT.md ("Backups and point-in-time recovery"). Decoding takes untrusted bytes and throws
// DecodeError.
#pragma once
#include <string>
#include <utility>

#include "backup/backup.h"
#include "backup/point_in_time_history.h"
#include "storage/coding.h"

namespace shoal::storage {

void encodeBackup(std::string& out, const Backup& backup);
Backup decodeBackup(ByteReader& in);

void encodePointInTimeHistory(std::string& out, const std::string& table, const PointInTimeHistory& history);
std::pair<std::string, PointInTimeHistory> decodePointInTimeHistory(ByteReader& in);

}  // namespace shoal::storage
