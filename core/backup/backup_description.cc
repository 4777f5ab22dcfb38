#include "backup/backup_description.h"

#include "api/table_description.h"
#include "backup/backup_params.h"

namespace shoal {
namespace {

void writeThroughput(JsonWriter& w, int64_t read, int64_t write) {
  w.StartObject();
  writeKey(w, "ReadCapacityUnits");
  w.Int64(read);
  writeKey(w, "WriteCapacityUnits");
  w.Int64(write);
  w.EndObject();
}

void writeSourceTableDetails(JsonWriter& w, const Backup& b) {
  const TableSchema& s = b.table;
  w.StartObject();
  writeKey(w, "TableName");
  writeString(w, s.name);
  writeKey(w, "TableId");
  writeString(w, s.tableId);
  writeKey(w, "TableArn");
  writeString(w, tableArn(s.name));
  writeKey(w, "TableSizeBytes");
  w.Uint64(b.tableSizeBytes);
  writeKey(w, "KeySchema");
  writeKeySchema(w, s.key);
  writeKey(w, "TableCreationDateTime");
  writeEpochSeconds(w, s.createdMillis);
  writeKey(w, "ProvisionedThroughput");
  bool provisioned = s.billing == BillingMode::Provisioned;
  writeThroughput(w, provisioned ? s.readCapacity : 0, provisioned ? s.writeCapacity : 0);
  writeKey(w, "ItemCount");
  w.Uint64(b.itemCount);
  writeKey(w, "BillingMode");
  w.String(provisioned ? "PROVISIONED" : "PAY_PER_REQUEST");
  w.EndObject();
}

void writeSourceTableFeatureDetails(JsonWriter& w, const Backup& b) {
  const TableSchema& s = b.table;
  w.StartObject();
  for (bool global : {false, true}) {
    bool any = false;
    for (const IndexSchema& index : s.indexes) {
      if (index.global != global) continue;
      if (!any) {
        writeKey(w, global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
        w.StartArray();
        any = true;
      }
      w.StartObject();
      writeKey(w, "IndexName");
      writeString(w, index.name);
      writeKey(w, "KeySchema");
      writeKeySchema(w, index.key);
      writeKey(w, "Projection");
      writeProjection(w, index.projection);
      if (global) {
        writeKey(w, "ProvisionedThroughput");
        writeThroughput(w, index.readCapacity, index.writeCapacity);
      }
      w.EndObject();
    }
    if (any) w.EndArray();
  }
  if (s.stream.enabled) {
    writeKey(w, "StreamDescription");
    w.StartObject();
    writeKey(w, "StreamEnabled");
    w.Bool(true);
    writeKey(w, "StreamViewType");
    writeString(w, s.stream.viewType);
    w.EndObject();
  }
  writeKey(w, "TimeToLiveDescription");
  w.StartObject();
  writeKey(w, "TimeToLiveStatus");
  w.String(s.ttl.enabled ? "ENABLED" : "DISABLED");
  if (s.ttl.enabled) {
    writeKey(w, "AttributeName");
    writeString(w, s.ttl.attribute);
  }
  w.EndObject();
  w.EndObject();
}

}  // namespace

void writeBackupDetails(JsonWriter& w, const Backup& b, const char* status) {
  w.StartObject();
  writeKey(w, "BackupArn");
  writeString(w, b.arn);
  writeKey(w, "BackupName");
  writeString(w, b.name);
  writeKey(w, "BackupSizeBytes");
  w.Uint64(b.tableSizeBytes);
  writeKey(w, "BackupStatus");
  w.String(status);
  writeKey(w, "BackupType");
  w.String(backupTypeName(b.type));
  writeKey(w, "BackupCreationDateTime");
  writeEpochSeconds(w, b.createdMillis);
  if (b.expiresMillis != 0) {
    writeKey(w, "BackupExpiryDateTime");
    writeEpochSeconds(w, b.expiresMillis);
  }
  w.EndObject();
}

void writeBackupDescription(JsonWriter& w, const Backup& b, const char* status) {
  w.StartObject();
  writeKey(w, "BackupDetails");
  writeBackupDetails(w, b, status);
  writeKey(w, "SourceTableDetails");
  writeSourceTableDetails(w, b);
  writeKey(w, "SourceTableFeatureDetails");
  writeSourceTableFeatureDetails(w, b);
  w.EndObject();
}

void writeBackupSummary(JsonWriter& w, const Backup& b) {
  w.StartObject();
  writeKey(w, "TableName");
  writeString(w, b.table.name);
  writeKey(w, "TableId");
  writeString(w, b.table.tableId);
  writeKey(w, "TableArn");
  writeString(w, tableArn(b.table.name));
  writeKey(w, "BackupArn");
  writeString(w, b.arn);
  writeKey(w, "BackupName");
  writeString(w, b.name);
  writeKey(w, "BackupCreationDateTime");
  writeEpochSeconds(w, b.createdMillis);
  if (b.expiresMillis != 0) {
    writeKey(w, "BackupExpiryDateTime");
    writeEpochSeconds(w, b.expiresMillis);
  }
  writeKey(w, "BackupStatus");
  w.String("AVAILABLE");
  writeKey(w, "BackupType");
  w.String(backupTypeName(b.type));
  writeKey(w, "BackupSizeBytes");
  w.Uint64(b.tableSizeBytes);
  w.EndObject();
}

void writeContinuousBackupsDescription(JsonWriter& w, BackupCatalog& backups, const Table& table, int64_t nowMillis) {
  const PointInTimeRecovery& pitr = table.schema().pointInTimeRecovery;
  w.StartObject();
  // On-demand backups are always possible, so continuous backups are ENABLED on every table,
  // as DynamoDB reports them.
  writeKey(w, "ContinuousBackupsStatus");
  w.String("ENABLED");
  writeKey(w, "PointInTimeRecoveryDescription");
  w.StartObject();
  writeKey(w, "PointInTimeRecoveryStatus");
  w.String(pitr.enabled ? "ENABLED" : "DISABLED");
  if (const PointInTimeHistory* history = backups.history(table, nowMillis)) {
    writeKey(w, "RecoveryPeriodInDays");
    w.Int64(pitr.recoveryPeriodDays > 0 ? pitr.recoveryPeriodDays : limits::kPitrDefaultRecoveryPeriodDays);
    writeKey(w, "EarliestRestorableDateTime");
    writeEpochSeconds(w, history->earliestRestorable(nowMillis, backups.windowMillis(pitr)));
    writeKey(w, "LatestRestorableDateTime");
    writeEpochSeconds(w, history->latestRestorable(nowMillis));
  }
  w.EndObject();
  w.EndObject();
}

}  // namespace shoal
