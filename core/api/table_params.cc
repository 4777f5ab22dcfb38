#include "api/table_params.h"

#include "api/error.h"

namespace shoal {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

std::optional<Type> keyTypeFromName(const std::string& s) {
  if (s == "S") return Type::S;
  if (s == "N") return Type::N;
  if (s == "B") return Type::B;
  return std::nullopt;
}

void readThroughput(const JsonValue& pt, TableSchema& schema) {
  RequestReader p(pt);
  auto rcu = p.integer("ReadCapacityUnits");
  auto wcu = p.integer("WriteCapacityUnits");
  Violations v;
  v.notNull(rcu.has_value(), "provisionedThroughput.readCapacityUnits");
  v.notNull(wcu.has_value(), "provisionedThroughput.writeCapacityUnits");
  if (rcu && *rcu < 1)
    v.add("'" + std::to_string(*rcu) + "'", "provisionedThroughput.readCapacityUnits", "Member must have value greater than or equal to 1");
  if (wcu && *wcu < 1)
    v.add("'" + std::to_string(*wcu) + "'", "provisionedThroughput.writeCapacityUnits", "Member must have value greater than or equal to 1");
  v.throwIfAny();
  schema.billing = BillingMode::Provisioned;
  schema.readCapacity = *rcu;
  schema.writeCapacity = *wcu;
}

std::optional<std::string> readMode(const RequestReader& req) {
  auto mode = req.string("BillingMode");
  if (mode && *mode != "PROVISIONED" && *mode != "PAY_PER_REQUEST") {
    Violations v;
    v.add("'" + *mode + "'", "billingMode", "Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
    v.throwIfAny();
  }
  return mode;
}

}  // namespace

std::vector<AttributeDefinition> readAttributeDefinitions(const JsonValue* definitions, Violations& v) {
  std::vector<AttributeDefinition> defs;
  if (!definitions) return defs;
  if (!definitions->IsArray()) throw ApiError::serialization("Unexpected value type in AttributeDefinitions");
  size_t i = 0;
  for (const auto& e : definitions->GetArray()) {
    ++i;
    if (!e.IsObject()) throw ApiError::serialization("Unexpected value type in AttributeDefinitions element");
    RequestReader r(e);
    auto attrName = r.string("AttributeName");
    auto attrType = r.string("AttributeType");
    std::string at = "attributeDefinitions." + std::to_string(i) + ".member.";
    v.notNull(attrName.has_value(), at + "attributeName");
    if (!attrType) {
      v.notNull(false, at + "attributeType");
    } else if (!keyTypeFromName(*attrType)) {
      v.add("'" + *attrType + "'", at + "attributeType", "Member must satisfy enum value set: [B, N, S]");
    }
    if (attrName && attrType && keyTypeFromName(*attrType)) defs.push_back({*attrName, *keyTypeFromName(*attrType)});
  }
  return defs;
}

void readCreateBilling(const RequestReader& req, TableSchema& schema) {
  auto mode = readMode(req);
  const JsonValue* pt = req.object("ProvisionedThroughput");
  if (mode && *mode == "PAY_PER_REQUEST") {
    if (pt)
      throw ApiError::validation(kInvalid +
                                 "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                                 "PAY_PER_REQUEST");
    schema.billing = BillingMode::PayPerRequest;
    return;
  }
  if (!pt)
    throw ApiError::validation(kInvalid +
                               "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode is "
                               "PROVISIONED");
  readThroughput(*pt, schema);
}

bool readUpdateBilling(const RequestReader& req, TableSchema& schema) {
  auto mode = readMode(req);
  const JsonValue* pt = req.object("ProvisionedThroughput");
  if (!mode && !pt) return false;
  bool toOnDemand = mode ? *mode == "PAY_PER_REQUEST" : schema.billing == BillingMode::PayPerRequest;
  if (toOnDemand) {
    if (pt)
      throw ApiError::validation(kInvalid +
                                 "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is "
                                 "PAY_PER_REQUEST");
    schema.billing = BillingMode::PayPerRequest;
    schema.readCapacity = schema.writeCapacity = 0;
    return true;
  }
  if (!pt)
    throw ApiError::validation(kInvalid +
                               "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
  readThroughput(*pt, schema);
  return true;
}

bool readStreamSpecification(const RequestReader& req, StreamSettings& stream, int64_t nowMillis) {
  const JsonValue* spec = req.object("StreamSpecification");
  if (!spec) return false;
  RequestReader s(*spec);
  auto enabled = s.boolean("StreamEnabled");
  auto viewType = s.string("StreamViewType");
  Violations v;
  v.notNull(enabled.has_value(), "streamSpecification.streamEnabled");
  if (viewType && *viewType != "NEW_IMAGE" && *viewType != "OLD_IMAGE" && *viewType != "NEW_AND_OLD_IMAGES" &&
      *viewType != "KEYS_ONLY")
    v.add("'" + *viewType + "'", "streamSpecification.streamViewType",
          "Member must satisfy enum value set: [NEW_IMAGE, OLD_IMAGE, NEW_AND_OLD_IMAGES, KEYS_ONLY]");
  v.throwIfAny();
  if (*enabled) {
    if (!viewType)
      throw ApiError::validation(kInvalid + "You must specify a StreamViewType when enabling a stream");
    if (stream.enabled)
      throw ApiError::validation("Table already has an enabled stream");
    stream.enabled = true;
    stream.viewType = *viewType;
    stream.createdMillis = nowMillis;
  } else {
    if (viewType) throw ApiError::validation(kInvalid + "You cannot specify a StreamViewType when disabling a stream");
    stream.enabled = false;
  }
  return true;
}

}  // namespace shoal
