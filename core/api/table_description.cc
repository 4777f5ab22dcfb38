#include "api/table_description.h"

#include "api/time_format.h"

namespace shoal {
namespace {

void writeKeyElement(JsonWriter& w, const std::string& name, const char* keyType) {
  w.StartObject();
  writeKey(w, "AttributeName");
  writeString(w, name);
  writeKey(w, "KeyType");
  w.String(keyType);
  w.EndObject();
}

const char* projectionTypeName(IndexProjection::Type t) {
  switch (t) {
    case IndexProjection::Type::KeysOnly: return "KEYS_ONLY";
    case IndexProjection::Type::Include: return "INCLUDE";
    case IndexProjection::Type::All: return "ALL";
  }
  return "ALL";
}

const char* indexStatusName(IndexStatus s) {
  switch (s) {
    case IndexStatus::Creating: return "CREATING";
    case IndexStatus::Active: return "ACTIVE";
    case IndexStatus::Deleting: return "DELETING";
  }
  return "ACTIVE";
}

void writeIndex(JsonWriter& w, const Table& table, const SecondaryIndex& index) {
  const IndexSchema& s = index.schema();
  w.StartObject();
  writeKey(w, "IndexName");
  writeString(w, s.name);
  writeKey(w, "KeySchema");
  writeKeySchema(w, s.key);
  writeKey(w, "Projection");
  writeProjection(w, s.projection);
  if (s.global) {
    writeKey(w, "IndexStatus");
    w.String(indexStatusName(s.status));
    if (s.status == IndexStatus::Creating) {
      writeKey(w, "Backfilling");
      w.Bool(true);
    }
    writeKey(w, "ProvisionedThroughput");
    w.StartObject();
    writeKey(w, "NumberOfDecreasesToday");
    w.Int(0);
    writeKey(w, "ReadCapacityUnits");
    w.Int64(s.readCapacity);
    writeKey(w, "WriteCapacityUnits");
    w.Int64(s.writeCapacity);
    w.EndObject();
  }
  writeKey(w, "IndexSizeBytes");
  w.Uint64(index.sizeBytes());
  writeKey(w, "ItemCount");
  w.Uint64(index.itemCount());
  writeKey(w, "IndexArn");
  writeString(w, tableArn(table.schema().name) + "/index/" + s.name);
  w.EndObject();
}

}  // namespace

void writeKeySchema(JsonWriter& w, const KeySchema& key) {
  w.StartArray();
  writeKeyElement(w, key.hash.name, "HASH");
  if (key.range) writeKeyElement(w, key.range->name, "RANGE");
  w.EndArray();
}

void writeProjection(JsonWriter& w, const IndexProjection& projection) {
  w.StartObject();
  writeKey(w, "ProjectionType");
  w.String(projectionTypeName(projection.type));
  if (projection.type == IndexProjection::Type::Include) {
    writeKey(w, "NonKeyAttributes");
    w.StartArray();
    for (const auto& a : projection.nonKeyAttributes) writeString(w, a);
    w.EndArray();
  }
  w.EndObject();
}

std::string streamArn(const std::string& tableName, int64_t streamCreatedMillis) {
  return tableArn(tableName) + "/stream/" + isoTimestamp(streamCreatedMillis);
}

std::string tableArn(const std::string& tableName) {
  // DynamoDB Local's convention for a region and account that are not real.
  return "arn:aws:dynamodb:ddblocal:000000000000:table/" + tableName;
}

void writeTableDescription(JsonWriter& w, const Table& table, const char* status) {
  const TableSchema& s = table.schema();
  w.StartObject();
  writeKey(w, "AttributeDefinitions");
  w.StartArray();
  for (const auto& def : s.attributeDefinitions) {
    w.StartObject();
    writeKey(w, "AttributeName");
    writeString(w, def.name);
    writeKey(w, "AttributeType");
    w.String(typeName(def.type));
    w.EndObject();
  }
  w.EndArray();
  writeKey(w, "TableName");
  writeString(w, s.name);
  writeKey(w, "KeySchema");
  writeKeySchema(w, s.key);
  writeKey(w, "TableStatus");
  w.String(status);
  writeKey(w, "CreationDateTime");
  w.Double(static_cast<double>(s.createdMillis) / 1000.0);
  writeKey(w, "ProvisionedThroughput");
  w.StartObject();
  writeKey(w, "NumberOfDecreasesToday");
  w.Int(0);
  writeKey(w, "ReadCapacityUnits");
  w.Int64(s.billing == BillingMode::Provisioned ? s.readCapacity : 0);
  writeKey(w, "WriteCapacityUnits");
  w.Int64(s.billing == BillingMode::Provisioned ? s.writeCapacity : 0);
  w.EndObject();
  if (s.billing == BillingMode::PayPerRequest) {
    writeKey(w, "BillingModeSummary");
    w.StartObject();
    writeKey(w, "BillingMode");
    w.String("PAY_PER_REQUEST");
    writeKey(w, "LastUpdateToPayPerRequestDateTime");
    w.Double(static_cast<double>(s.createdMillis) / 1000.0);
    w.EndObject();
  }
  writeKey(w, "TableSizeBytes");
  w.Uint64(table.sizeBytes());
  writeKey(w, "ItemCount");
  w.Uint64(table.itemCount());
  writeKey(w, "TableArn");
  writeString(w, tableArn(s.name));
  writeKey(w, "TableId");
  writeString(w, s.tableId);
  for (bool global : {false, true}) {
    bool any = false;
    for (const auto& index : table.indexes()) {
      if (index.schema().global != global) continue;
      if (!any) {
        writeKey(w, global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
        w.StartArray();
        any = true;
      }
      writeIndex(w, table, index);
    }
    if (any) w.EndArray();
  }
  if (s.stream.enabled) {
    writeKey(w, "StreamSpecification");
    w.StartObject();
    writeKey(w, "StreamEnabled");
    w.Bool(true);
    writeKey(w, "StreamViewType");
    writeString(w, s.stream.viewType);
    w.EndObject();
    writeKey(w, "LatestStreamLabel");
    writeString(w, isoTimestamp(s.stream.createdMillis));
    writeKey(w, "LatestStreamArn");
    writeString(w, streamArn(s.name, s.stream.createdMillis));
  }
  if (s.restoredFrom.restoreMillis != 0) {
    writeKey(w, "RestoreSummary");
    w.StartObject();
    if (!s.restoredFrom.backupArn.empty()) {
      writeKey(w, "SourceBackupArn");
      writeString(w, s.restoredFrom.backupArn);
    }
    writeKey(w, "SourceTableArn");
    writeString(w, s.restoredFrom.sourceTableArn);
    writeKey(w, "RestoreDateTime");
    w.Double(static_cast<double>(s.restoredFrom.restoreMillis) / 1000.0);
    writeKey(w, "RestoreInProgress");
    w.Bool(std::string_view(status) == "CREATING");
    w.EndObject();
  }
  writeKey(w, "DeletionProtectionEnabled");
  w.Bool(s.deletionProtection);
  w.EndObject();
}

}  // namespace shoal
