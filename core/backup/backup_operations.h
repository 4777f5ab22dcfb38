// Backups outside their own operations: the SYSTEM backup DeleteTable keeps of a table with
// point-in-time recovery, and the expiry of such backups.
#pragma once
#include <cstdint>

#include "api/catalog.h"

namespace shoal {

// DynamoDB's "<table>$DeletedTableBackup": the table's last state, kept 35 days.
void keepDeletedTableBackup(Catalog& catalog, const Table& table, int64_t nowMillis);

// Deletes the SYSTEM backups whose time has passed (each through Catalog::deleteBackup, so the
// log records it). The backup operations call it first.
void dropExpiredBackups(Catalog& catalog, int64_t nowMillis);

}  // namespace shoal
