#include "backup/table_image.h"

#include "storage/rows_image.h"

namespace shoal {

void captureTable(const Table& table, Backup& backup) {
  backup.table = table.schema();
  backup.itemCount = table.itemCount();
  backup.tableSizeBytes = table.sizeBytes();
  backup.image.clear();
  storage::RowsImageWriter writer(backup.image, table.rows().size());
  for (const auto& [key, item] : table.rows()) writer.add(key, item);
  backup.imageRawBytes = writer.finish();
}

Table::Rows readImage(const Backup& backup) {
  Table::Rows rows;
  for (auto& [key, item] : storage::readRowsImage(backup.image, backup.imageRawBytes, "backup image"))
    rows.emplace_hint(rows.end(), std::move(key), std::move(item));
  return rows;
}

}  // namespace shoal
