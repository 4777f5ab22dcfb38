#include "backup/restore.h"

#include <algorithm>
#include <set>

#include "api/error.h"
#include "api/key_schema_param.h"
#include "api/table_id.h"
#include "api/table_name.h"

namespace shoal {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

std::optional<std::vector<IndexDefinition>> readIndexOverrides(const RequestReader& req, const char* member,
                                                               const std::string& field, bool global, Violations& v) {
  const JsonValue* list = req.array(member);
  if (!list) return std::nullopt;
  std::vector<IndexDefinition> out;
  size_t i = 0;
  for (const auto& e : list->GetArray())
    out.push_back(readIndexDefinition(e, global, field + "." + std::to_string(++i) + ".member", v));
  return out;
}

bool sameKey(const std::vector<KeyElement>& elements, const KeySchema& key) {
  size_t n = key.range ? 2 : 1;
  if (elements.size() != n || elements[0].keyType != "HASH" || elements[0].name != key.hash.name) return false;
  return !key.range || (elements[1].keyType == "RANGE" && elements[1].name == key.range->name);
}

bool sameProjection(const IndexProjection& a, const IndexProjection& b) {
  if (a.type != b.type) return false;
  std::vector<std::string> x = a.nonKeyAttributes, y = b.nonKeyAttributes;
  std::sort(x.begin(), x.end());
  std::sort(y.begin(), y.end());
  return x == y;
}

// The source indexes of one kind the new table keeps, with their capacity settled.
void keepIndexes(const TableSchema& source, bool global, const std::optional<std::vector<IndexDefinition>>& overrides,
                 TableSchema& target, int64_t nowMillis) {
  const char* member = global ? "GlobalSecondaryIndexOverride" : "LocalSecondaryIndexOverride";
  auto keep = [&](const IndexSchema& index, const IndexDefinition* def) {
    IndexSchema kept = index;
    kept.status = IndexStatus::Active;
    kept.createdMillis = nowMillis;
    kept.readCapacity = kept.writeCapacity = 0;
    if (global && target.billing == BillingMode::PayPerRequest) {
      if (def && def->hasThroughput)
        throw ApiError::validation(kInvalid + "ProvisionedThroughput should not be specified for index: " + index.name +
                                   " when BillingMode is PAY_PER_REQUEST");
    } else if (global) {
      bool fromSource = source.billing == BillingMode::Provisioned;
      kept.readCapacity = def && def->hasThroughput ? def->readCapacity
                          : fromSource              ? index.readCapacity
                                                    : target.readCapacity;
      kept.writeCapacity = def && def->hasThroughput ? def->writeCapacity
                           : fromSource              ? index.writeCapacity
                                                     : target.writeCapacity;
    }
    target.indexes.push_back(std::move(kept));
  };
  if (!overrides) {
    for (const IndexSchema& index : source.indexes)
      if (index.global == global) keep(index, nullptr);
    return;
  }
  std::set<std::string> seen;
  for (const IndexDefinition& def : *overrides) {
    if (!seen.insert(def.name).second) throw ApiError::validation(kInvalid + "Duplicate index name: " + def.name);
    const IndexSchema* match = nullptr;
    for (const IndexSchema& index : source.indexes)
      if (index.global == global && index.name == def.name) match = &index;
    if (!match)
      throw ApiError::validation(kInvalid + member + " names index " + def.name +
                                 ", which the source table does not have");
    if (!sameKey(def.keyElements, match->key) || !sameProjection(def.projection, match->projection))
      throw ApiError::validation(kInvalid + member + " for index " + def.name +
                                 " does not match the source table's index: the key schema and projection must be "
                                 "the same");
    keep(*match, &def);
  }
}

}  // namespace

RestoreRequest readRestoreRequest(const RequestReader& req, Violations& v) {
  RestoreRequest r;
  auto target = req.string("TargetTableName");
  checkTableName(v, target, "targetTableName");
  r.targetTable = target.value_or("");
  if (auto mode = req.string("BillingModeOverride")) {
    if (*mode == "PROVISIONED")
      r.billing = BillingMode::Provisioned;
    else if (*mode == "PAY_PER_REQUEST")
      r.billing = BillingMode::PayPerRequest;
    else
      v.add("'" + *mode + "'", "billingModeOverride",
            "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
  }
  if (const JsonValue* pt = req.object("ProvisionedThroughputOverride")) {
    RequestReader p(*pt);
    auto rcu = p.integer("ReadCapacityUnits");
    auto wcu = p.integer("WriteCapacityUnits");
    v.notNull(rcu.has_value(), "provisionedThroughputOverride.readCapacityUnits");
    v.notNull(wcu.has_value(), "provisionedThroughputOverride.writeCapacityUnits");
    if (rcu && *rcu < 1)
      v.add("'" + std::to_string(*rcu) + "'", "provisionedThroughputOverride.readCapacityUnits",
            "Member must have value greater than or equal to 1");
    if (wcu && *wcu < 1)
      v.add("'" + std::to_string(*wcu) + "'", "provisionedThroughputOverride.writeCapacityUnits",
            "Member must have value greater than or equal to 1");
    if (rcu && wcu) r.throughput = std::pair{*rcu, *wcu};
  }
  r.globalIndexes = readIndexOverrides(req, "GlobalSecondaryIndexOverride", "globalSecondaryIndexOverride", true, v);
  r.localIndexes = readIndexOverrides(req, "LocalSecondaryIndexOverride", "localSecondaryIndexOverride", false, v);
  return r;
}

TableSchema restoredSchema(const TableSchema& source, const RestoreRequest& request, RestoreSource from,
                           int64_t nowMillis, uint64_t siteId) {
  TableSchema s;
  s.name = request.targetTable;
  s.key = source.key;
  s.billing = request.billing.value_or(source.billing);
  if (s.billing == BillingMode::PayPerRequest) {
    if (request.throughput)
      throw ApiError::validation(
          kInvalid +
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
          "PAY_PER_REQUEST");
  } else if (request.throughput) {
    s.readCapacity = request.throughput->first;
    s.writeCapacity = request.throughput->second;
  } else if (source.billing == BillingMode::Provisioned) {
    s.readCapacity = source.readCapacity;
    s.writeCapacity = source.writeCapacity;
  } else {
    throw ApiError::validation(
        kInvalid + "ProvisionedThroughputOverride must be specified when BillingModeOverride is PROVISIONED");
  }
  keepIndexes(source, false, request.localIndexes, s, nowMillis);
  keepIndexes(source, true, request.globalIndexes, s, nowMillis);
  // AttributeDefinitions: exactly the attributes the kept keys use, as CreateTable requires.
  std::set<std::string> used{s.key.hash.name};
  if (s.key.range) used.insert(s.key.range->name);
  for (const IndexSchema& index : s.indexes) {
    used.insert(index.key.hash.name);
    if (index.key.range) used.insert(index.key.range->name);
  }
  for (const AttributeDefinition& d : source.attributeDefinitions)
    if (used.count(d.name)) s.attributeDefinitions.push_back(d);
  s.createdMillis = nowMillis;
  s.tableId = makeTableId(siteId, nowMillis);
  s.restoredFrom = std::move(from);
  return s;
}

Table& createRestoredTable(Catalog& catalog, TableSchema schema, Table::Rows rows, int64_t nowMillis) {
  // One change that creates the table with its rows: the log writes it as one record, so a
  // crash leaves the table whole or absent, never empty; and createFilled checks every item
  // against the new indexes (an item a source index skipped, of another key type, from before a
  // GSI was added) before anything changes.
  ChangeSet change;
  change.stamp = catalog.stamp(nowMillis);
  change.writes.reserve(rows.size());
  for (auto& [key, item] : rows) change.writes.push_back(ItemWrite{schema.name, key, std::move(item)});
  return catalog.createFilled(std::move(schema), change);
}

}  // namespace shoal
