// UpdateTable: billing mode and throughput, stream specification, deletion protection, and one
// global secondary index created (backfilled from every item) or deleted per call.
#include <set>

#include "api/error.h"
#include "api/index_definitions.h"
#include "api/limits.h"
#include "api/key_schema_param.h"
#include "api/operation.h"
#include "api/table_description.h"
#include "api/table_name.h"
#include "api/table_params.h"

namespace shoal {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

struct IndexUpdates {
  std::vector<IndexDefinition> creates;
  std::vector<std::string> deletes;
  std::vector<IndexDefinition> throughputUpdates;  // name + throughput only
};

IndexUpdates readIndexUpdates(const JsonValue* list, Violations& v) {
  IndexUpdates out;
  if (!list) return out;
  size_t i = 0;
  for (const auto& e : list->GetArray()) {
    std::string field = "globalSecondaryIndexUpdates." + std::to_string(++i) + ".member";
    if (!e.IsObject()) throw ApiError::serialization("Unexpected value type in GlobalSecondaryIndexUpdates");
    RequestReader r(e);
    if (const JsonValue* c = r.object("Create")) out.creates.push_back(readIndexDefinition(*c, true, field + ".create", v));
    if (const JsonValue* d = r.object("Delete")) {
      auto name = RequestReader(*d).string("IndexName");
      v.notNull(name.has_value(), field + ".delete.indexName");
      if (name) out.deletes.push_back(*name);
    }
    if (const JsonValue* u = r.object("Update")) {
      RequestReader ur(*u);
      IndexDefinition def;
      def.name = ur.string("IndexName").value_or("");
      if (const JsonValue* pt = ur.object("ProvisionedThroughput")) {
        RequestReader p(*pt);
        def.hasThroughput = true;
        def.readCapacity = p.integer("ReadCapacityUnits").value_or(0);
        def.writeCapacity = p.integer("WriteCapacityUnits").value_or(0);
      }
      out.throughputUpdates.push_back(def);
    }
  }
  return out;
}

}  // namespace

void updateTable(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  auto name = req.string("TableName");
  checkTableName(v, name);
  std::vector<AttributeDefinition> newDefs = readAttributeDefinitions(req.array("AttributeDefinitions"), v);
  IndexUpdates updates = readIndexUpdates(req.array("GlobalSecondaryIndexUpdates"), v);
  v.throwIfAny();

  Table& table = ctx.catalog.require(*name);
  TableSchema next = table.schema();  // every change lands on a copy first, then all at once
  bool changed = readUpdateBilling(req, next);
  changed |= readStreamSpecification(req, next.stream, ctx.nowMillis);
  if (auto protect = req.boolean("DeletionProtectionEnabled")) {
    next.deletionProtection = *protect;
    changed = true;
  }
  if (updates.creates.size() + updates.deletes.size() > 1)
    throw ApiError{"LimitExceededException",
                   "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously per table"};

  for (const auto& d : updates.deletes)
    if (!table.findIndex(d) || !table.findIndex(d)->schema().global)
      throw ApiError::resourceNotFound("Requested resource not found: Index: " + d + " not found");
  for (const auto& u : updates.throughputUpdates) {
    bool found = false;
    for (auto& idx : next.indexes)
      if (idx.name == u.name && idx.global) {
        found = true;
        if (next.billing == BillingMode::PayPerRequest)
          throw ApiError::validation(kInvalid + "ProvisionedThroughput should not be specified for index: " + u.name +
                                     " when BillingMode is PAY_PER_REQUEST");
        idx.readCapacity = u.readCapacity;
        idx.writeCapacity = u.writeCapacity;
      }
    if (!found) throw ApiError::resourceNotFound("Requested resource not found: Index: " + u.name + " not found");
    changed = true;
  }

  std::vector<IndexSchema> created;
  if (!updates.creates.empty()) {
    // The new index's key attributes must be defined: by this request or already on the table.
    for (const auto& d : newDefs) {
      bool known = false;
      for (auto& existing : next.attributeDefinitions)
        if (existing.name == d.name) {
          if (existing.type != d.type)
            throw ApiError::validation(kInvalid + "Cannot change the type of attribute " + d.name);
          known = true;
        }
      if (!known) next.attributeDefinitions.push_back(d);
    }
    std::set<std::string> defined;
    for (const auto& d : next.attributeDefinitions) defined.insert(d.name);
    for (const auto& n : indexKeyNames(updates.creates))
      if (!defined.count(n))
        throw ApiError::validation(kInvalid + "Some index key attributes are not defined in AttributeDefinitions. "
                                              "Keys: [" + n + "]");
    for (const auto& c : updates.creates)
      if (table.findIndex(c.name)) throw ApiError::validation(kInvalid + "Index already exists: " + c.name);
    size_t nonKey = 0;
    for (const auto& idx : next.indexes) nonKey += idx.projection.nonKeyAttributes.size();
    created = buildIndexes(updates.creates, next.key, next.attributeDefinitions, next.billing, ctx.nowMillis, nonKey);
    size_t globals = created.size(), locals = 0;
    for (const auto& idx : next.indexes) (idx.global ? globals : locals)++;
    if (globals > limits::kMaxGlobalIndexes)
      throw ApiError::validation(kInvalid + "Number of GlobalSecondaryIndexes exceeds per-table limit of " +
                                 std::to_string(limits::kMaxGlobalIndexes));
    changed = true;
  }
  if (!updates.deletes.empty()) changed = true;
  if (!changed)
    throw ApiError::validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                               "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");

  // Everything is valid: apply. Index changes go through the table so its entries follow.
  TableSchema& live = table.mutableSchema();
  next.indexes = live.indexes;  // the index list itself changes only through add/dropIndex
  for (const auto& u : updates.throughputUpdates)
    for (auto& idx : next.indexes)
      if (idx.name == u.name) {
        idx.readCapacity = u.readCapacity;
        idx.writeCapacity = u.writeCapacity;
      }
  live.billing = next.billing;
  live.readCapacity = next.readCapacity;
  live.writeCapacity = next.writeCapacity;
  live.stream = next.stream;
  live.deletionProtection = next.deletionProtection;
  live.attributeDefinitions = next.attributeDefinitions;
  for (size_t i = 0; i < live.indexes.size(); ++i) live.indexes[i] = next.indexes[i];
  for (auto& s : created) {
    // Backfilled now; the index reports CREATING (Backfilling) until the next request.
    s.status = IndexStatus::Creating;
    table.addIndex(std::move(s));
    ctx.catalog.noteIndexCreated();
  }
  ctx.catalog.schemaChanged(table);

  for (const auto& d : updates.deletes)
    for (auto& idx : live.indexes)
      if (idx.name == d) idx.status = IndexStatus::Deleting;  // as the response shows it

  ctx.out.StartObject();
  writeKey(ctx.out, "TableDescription");
  writeTableDescription(ctx.out, table, "UPDATING");
  ctx.out.EndObject();
  for (const auto& d : updates.deletes) table.dropIndex(d);
  if (!updates.deletes.empty()) ctx.catalog.schemaChanged(table);
}

}  // namespace shoal
