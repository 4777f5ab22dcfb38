// A backup's items: one zstd frame of the table's rows in key order, encoded with the snapshot's
// codecs (`varint` count, then per item `bytes` key + StoredItem; storage/FORMAT.md), so an
// item reads back with every attribute's stamp.
#pragma once
#include "backup/backup.h"
#include "table/table.h"

namespace shoal {

// Fills `backup`'s schema, image, item count and sizes from `table` as it is now.
void captureTable(const Table& table, Backup& backup);

// The rows of a backup's image. Throws storage::DecodeError when the image is damaged.
Table::Rows readImage(const Backup& backup);

}  // namespace shoal
