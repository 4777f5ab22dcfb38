#include "api/table_description.h"

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

}  // namespace

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
  w.StartArray();
  writeKeyElement(w, s.key.hash.name, "HASH");
  if (s.key.range) writeKeyElement(w, s.key.range->name, "RANGE");
  w.EndArray();
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
  writeKey(w, "DeletionProtectionEnabled");
  w.Bool(s.deletionProtection);
  w.EndObject();
}

}  // namespace shoal
