// Where a snapshot keeps the catalog's backups and point-in-time recovery histories: two body
// sections (snapshot_format.h, SnapshotSection::Backups and ::PointInTimeHistories), each a count
// and then the items of backup_codec.h. FORMAT.md, "Backups and point-in-time recovery".
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "backup/backup_catalog.h"
#include "storage/snapshot_format.h"

namespace shoal::storage {

// The snapshot sections that hold a catalog's backups (SnapshotSection::Backups) and histories
// (SnapshotSection::PointInTimeHistories); nothing is added for an empty BackupCatalog.
void encodeBackupSections(const BackupCatalog& backups, std::map<SnapshotSection, std::string>& sections);
// Whether `tag` is one of those; decodeBackupSection loads one into `backups`.
bool isBackupSection(uint8_t tag);
void decodeBackupSection(SnapshotSection tag, std::string_view body, BackupCatalog& backups);

}  // namespace shoal::storage
