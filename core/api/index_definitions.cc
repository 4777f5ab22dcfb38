#include "api/index_definitions.h"

#include "api/error.h"
#include "api/key_schema_param.h"
#include "api/limits.h"
#include "api/table_name.h"

namespace shoal {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

}  // namespace

IndexDefinition readIndexDefinition(const JsonValue& json, bool global, const std::string& field, Violations& v) {
  if (!json.IsObject()) throw ApiError::serialization("Unexpected value type in index definition");
  RequestReader r(json);
  IndexDefinition d;
  d.field = field;
  d.global = global;
  auto name = r.string("IndexName");
  checkTableName(v, name, field + ".indexName");
  d.name = name.value_or("");
  d.keyElements = readKeyElements(r.array("KeySchema"), v, field + ".keySchema");
  const JsonValue* projection = r.object("Projection");
  v.notNull(projection != nullptr, field + ".projection");
  if (projection) {
    RequestReader p(*projection);
    auto type = p.string("ProjectionType");
    const JsonValue* nonKey = p.array("NonKeyAttributes");
    if (nonKey)
      for (const auto& a : nonKey->GetArray()) {
        if (!a.IsString()) throw ApiError::serialization("Unexpected value type in NonKeyAttributes");
        d.projection.nonKeyAttributes.emplace_back(viewOf(a));
      }
    if (!type || *type == "ALL") {
      d.projection.type = IndexProjection::Type::All;
    } else if (*type == "KEYS_ONLY") {
      d.projection.type = IndexProjection::Type::KeysOnly;
    } else if (*type == "INCLUDE") {
      d.projection.type = IndexProjection::Type::Include;
    } else {
      v.add("'" + *type + "'", field + ".projection.projectionType",
            "Member must satisfy enum value set: [ALL, INCLUDE, KEYS_ONLY]");
    }
    if (!type && nonKey) d.projection.type = IndexProjection::Type::Include;
    if (type && *type != "INCLUDE" && nonKey)
      throw ApiError::validation(kInvalid + "ProjectionType is " + *type + ", but NonKeyAttributes is specified");
    if (type && *type == "INCLUDE" && !nonKey)
      throw ApiError::validation(kInvalid + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  if (const JsonValue* pt = r.object("ProvisionedThroughput")) {
    RequestReader p(*pt);
    d.hasThroughput = true;
    d.readCapacity = p.integer("ReadCapacityUnits").value_or(0);
    d.writeCapacity = p.integer("WriteCapacityUnits").value_or(0);
    if (d.readCapacity < 1)
      v.add("'" + std::to_string(d.readCapacity) + "'", field + ".provisionedThroughput.readCapacityUnits",
            "Member must have value greater than or equal to 1");
    if (d.writeCapacity < 1)
      v.add("'" + std::to_string(d.writeCapacity) + "'", field + ".provisionedThroughput.writeCapacityUnits",
            "Member must have value greater than or equal to 1");
  }
  return d;
}

std::set<std::string> indexKeyNames(const std::vector<IndexDefinition>& defs) {
  std::set<std::string> names;
  for (const auto& d : defs)
    for (const auto& k : d.keyElements) names.insert(k.name);
  return names;
}

std::vector<IndexSchema> buildIndexes(const std::vector<IndexDefinition>& defs, const KeySchema& tableKey,
                                      const std::vector<AttributeDefinition>& attributes, BillingMode billing,
                                      int64_t nowMillis, size_t existingNonKeyAttributes) {
  std::vector<IndexSchema> out;
  std::set<std::string> names;
  size_t locals = 0, globals = 0, nonKey = existingNonKeyAttributes;
  for (const auto& d : defs) {
    (d.global ? globals : locals)++;
    if (!names.insert(d.name).second) throw ApiError::validation(kInvalid + "Duplicate index name: " + d.name);
    IndexSchema s;
    s.name = d.name;
    s.global = d.global;
    s.key = toKeySchema(d.keyElements, attributes);
    s.projection = d.projection;
    s.createdMillis = nowMillis;
    nonKey += d.projection.nonKeyAttributes.size();
    if (!d.global) {
      if (!tableKey.range)
        throw ApiError::validation(kInvalid + "Table KeySchema does not have a range key, which is required when "
                                              "specifying a LocalSecondaryIndex");
      if (s.key.hash.name != tableKey.hash.name)
        throw ApiError::validation(kInvalid + "Index KeySchema does not have the same leading hash key as table "
                                              "KeySchema for index: " + d.name + ". index hash key: " +
                                   s.key.hash.name + ", table hash key: " + tableKey.hash.name);
      if (!s.key.range)
        throw ApiError::validation(kInvalid + "Index KeySchema for LocalSecondaryIndex " + d.name +
                                   " must have a RANGE key");
    } else if (billing == BillingMode::Provisioned) {
      if (!d.hasThroughput)
        throw ApiError::validation(kInvalid + "ProvisionedThroughput must be specified for index: " + d.name);
      s.readCapacity = d.readCapacity;
      s.writeCapacity = d.writeCapacity;
    } else if (d.hasThroughput) {
      throw ApiError::validation(kInvalid + "ProvisionedThroughput should not be specified for index: " + d.name +
                                 " when BillingMode is PAY_PER_REQUEST");
    }
    out.push_back(std::move(s));
  }
  if (locals > limits::kMaxLocalIndexes)
    throw ApiError::validation(kInvalid + "Number of LocalSecondaryIndexes exceeds per-table limit of " +
                               std::to_string(limits::kMaxLocalIndexes));
  if (globals > limits::kMaxGlobalIndexes)
    throw ApiError::validation(kInvalid + "Number of GlobalSecondaryIndexes exceeds per-table limit of " +
                               std::to_string(limits::kMaxGlobalIndexes));
  if (nonKey > limits::kMaxProjectedNonKeyAttributes)
    throw ApiError::validation(kInvalid + "The number of projected attributes in all indexes exceeds the limit of " +
                               std::to_string(limits::kMaxProjectedNonKeyAttributes));
  return out;
}

}  // namespace shoal
