// CreateTable, DescribeTable, ListTables, DeleteTable.
#include <set>

#include <tuple>

#include "api/error.h"
#include "api/index_definitions.h"
#include "api/key_schema_param.h"
#include "api/table_params.h"
#include "api/limits.h"
#include "api/operation.h"
#include "api/resource_tags.h"
#include "api/table_description.h"
#include "api/table_id.h"
#include "backup/backup_operations.h"
#include "api/table_name.h"
#include "api/violations.h"

namespace shoal {
namespace {

const char* kInvalid = "One or more parameter values were invalid: ";

}  // namespace

void createTable(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  auto name = req.string("TableName");
  const JsonValue* defsJson = req.array("AttributeDefinitions");

  Violations v;
  checkTableName(v, name);
  std::vector<KeyElement> keyElems = readKeyElements(req.array("KeySchema"), v, "keySchema");
  v.notNull(defsJson != nullptr, "attributeDefinitions");
  std::vector<AttributeDefinition> defs = readAttributeDefinitions(defsJson, v);
  std::vector<IndexDefinition> indexDefs;
  for (auto [member, global, field] : {std::tuple{"LocalSecondaryIndexes", false, "localSecondaryIndexes"},
                                       std::tuple{"GlobalSecondaryIndexes", true, "globalSecondaryIndexes"}}) {
    const JsonValue* list = req.array(member);
    if (!list) continue;
    if (list->Empty())
      throw ApiError::validation(std::string(kInvalid) + "List of " + member + " is empty");
    size_t i = 0;
    for (const auto& e : list->GetArray())
      indexDefs.push_back(readIndexDefinition(e, global, std::string(field) + "." + std::to_string(++i) + ".member", v));
  }
  v.throwIfAny();

  KeySchema key = toKeySchema(keyElems, defs);

  std::set<std::string> defined;
  for (const auto& d : defs)
    if (!defined.insert(d.name).second) throw ApiError::validation("Cannot have two attributes with the same name");
  std::set<std::string> used = indexKeyNames(indexDefs);
  for (const auto& k : keyElems) used.insert(k.name);
  std::string keyNames, defNames;
  for (const auto& n : used) keyNames += (keyNames.empty() ? "" : ", ") + n;
  for (size_t i = 0; i < defs.size(); ++i) defNames += (i ? ", " : "") + defs[i].name;
  for (const auto& n : used)
    if (!defined.count(n))
      throw ApiError::validation(std::string(kInvalid) + "Some index key attributes are not defined in "
                                 "AttributeDefinitions. Keys: [" + keyNames + "], AttributeDefinitions: [" + defNames + "]");
  if (defs.size() != used.size())
    throw ApiError::validation(std::string(kInvalid) + "Number of attributes in KeySchema does not exactly match "
                               "number of attributes defined in AttributeDefinitions");

  TableSchema schema;
  schema.name = *name;
  schema.key = key;
  schema.attributeDefinitions = defs;
  readCreateBilling(req, schema);
  readStreamSpecification(req, schema.stream, ctx.nowMillis);
  schema.indexes = buildIndexes(indexDefs, key, defs, schema.billing, ctx.nowMillis);
  schema.deletionProtection = req.boolean("DeletionProtectionEnabled").value_or(false);
  schema.createdMillis = ctx.nowMillis;
  schema.tableId = makeTableId(ctx.catalog.siteId(), ctx.nowMillis);
  if (const JsonValue* tags = req.array("Tags")) {
    Violations tagViolations;
    schema.tags = mergeTags({}, readTags(*tags, tagViolations, "tags"));
  }

  if (ctx.catalog.find(*name)) throw ApiError::resourceInUse("Table already exists: " + *name);
  Table& table = ctx.catalog.create(std::move(schema));

  ctx.out.StartObject();
  writeKey(ctx.out, "TableDescription");
  // Tables are usable as soon as CreateTable returns (as in DynamoDB Local), so the
  // description already says ACTIVE and SDK waiters finish at once.
  writeTableDescription(ctx.out, table, "ACTIVE");
  ctx.out.EndObject();
}

void describeTable(OperationContext& ctx) {
  Violations v;
  std::string name = requireTableName(ctx.request, v);
  Table& table = ctx.catalog.require(name);
  ctx.out.StartObject();
  writeKey(ctx.out, "Table");
  writeTableDescription(ctx.out, table, "ACTIVE");
  ctx.out.EndObject();
}

void listTables(OperationContext& ctx) {
  auto start = ctx.request.string("ExclusiveStartTableName");
  auto limit = ctx.request.integer("Limit");
  Violations v;
  if (start) checkTableName(v, start, "exclusiveStartTableName");
  if (limit && *limit < 1) v.add("'" + std::to_string(*limit) + "'", "limit", "Member must have value greater than or equal to 1");
  if (limit && *limit > limits::kListTablesMaxLimit)
    v.add("'" + std::to_string(*limit) + "'", "limit", "Member must have value less than or equal to 100");
  v.throwIfAny();
  int64_t max = limit.value_or(limits::kListTablesMaxLimit);

  const auto& tables = ctx.catalog.tables();
  auto it = start ? tables.upper_bound(*start) : tables.begin();
  ctx.out.StartObject();
  writeKey(ctx.out, "TableNames");
  ctx.out.StartArray();
  std::string last;
  int64_t n = 0;
  for (; it != tables.end() && n < max; ++it, ++n) {
    writeString(ctx.out, it->first);
    last = it->first;
  }
  ctx.out.EndArray();
  if (it != tables.end()) {
    writeKey(ctx.out, "LastEvaluatedTableName");
    writeString(ctx.out, last);
  }
  ctx.out.EndObject();
}

void deleteTable(OperationContext& ctx) {
  Violations v;
  std::string name = requireTableName(ctx.request, v);
  Table& table = ctx.catalog.require(name);
  if (table.schema().deletionProtection)
    throw ApiError::validation("Resource cannot be deleted as it is currently protected against deletion. Disable "
                               "deletion protection first.");
  ctx.out.StartObject();
  writeKey(ctx.out, "TableDescription");
  writeTableDescription(ctx.out, table, "DELETING");
  ctx.out.EndObject();
  // DynamoDB keeps a table with point-in-time recovery restorable after its deletion, as a
  // SYSTEM backup of its last state.
  if (table.schema().pointInTimeRecovery.enabled) keepDeletedTableBackup(ctx.catalog, table, ctx.nowMillis);
  ctx.catalog.drop(name);
}

}  // namespace shoal
