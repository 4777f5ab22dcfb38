#include "storage/backup_sections.h"

#include "storage/backup_codec.h"

namespace shoal::storage {

void encodeBackupSections(const BackupCatalog& backups, std::map<SnapshotSection, std::string>& sections) {
  if (!backups.backups().empty()) {
    std::string& body = sections[SnapshotSection::Backups];
    putVarint(body, backups.backups().size());
    for (const auto& [arn, backup] : backups.backups()) encodeBackup(body, backup);
  }
  if (!backups.histories().empty()) {
    std::string& body = sections[SnapshotSection::PointInTimeHistories];
    putVarint(body, backups.histories().size());
    for (const auto& [table, history] : backups.histories()) encodePointInTimeHistory(body, table, history);
  }
}

bool isBackupSection(uint8_t tag) {
  return tag == static_cast<uint8_t>(SnapshotSection::Backups) ||
         tag == static_cast<uint8_t>(SnapshotSection::PointInTimeHistories);
}

void decodeBackupSection(SnapshotSection tag, std::string_view body, BackupCatalog& backups) {
  ByteReader in(body);
  if (tag == SnapshotSection::Backups) {
    size_t n = in.count("backup count", 8);
    for (size_t i = 0; i < n; ++i) {
      Backup b = decodeBackup(in);
      if (backups.find(b.arn)) ByteReader::fail("backup " + b.arn + " appears twice");
      backups.add(std::move(b));
    }
  } else {
    size_t n = in.count("history count", 4);
    for (size_t i = 0; i < n; ++i) {
      auto [table, history] = decodePointInTimeHistory(in);
      if (backups.histories().count(table)) ByteReader::fail("history of " + table + " appears twice");
      backups.putHistory(table, std::move(history));
    }
  }
  in.expectEnd("backup section");
}

}  // namespace shoal::storage
