// UpdateTimeToLive and DescribeTimeToLive. The change takes effect at once (DynamoDB reports
// ENABLING/DISABLING for up to an hour and refuses a second change within that hour; a local
// engine has no reason to make an app wait, so neither exists here).
#include "api/error.h"
#include "api/limits.h"
#include "api/operation.h"
#include "api/table_name.h"
#include "api/violations.h"

namespace shoal {
namespace {

void writeSpecification(JsonWriter& w, bool enabled, const std::string& attribute) {
  w.StartObject();
  writeKey(w, "Enabled");
  w.Bool(enabled);
  writeKey(w, "AttributeName");
  writeString(w, attribute);
  w.EndObject();
}

}  // namespace

void updateTimeToLive(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  const JsonValue* specJson = req.object("TimeToLiveSpecification");
  v.notNull(specJson != nullptr, "timeToLiveSpecification");
  std::optional<bool> enabled;
  std::optional<std::string> attribute;
  if (specJson) {
    RequestReader spec(*specJson);
    enabled = spec.boolean("Enabled");
    attribute = spec.string("AttributeName");
    v.notNull(enabled.has_value(), "timeToLiveSpecification.enabled");
    v.notNull(attribute.has_value(), "timeToLiveSpecification.attributeName");
    if (attribute && attribute->empty())
      v.add("''", "timeToLiveSpecification.attributeName", "Member must have length greater than or equal to 1");
    if (attribute && attribute->size() > limits::kTtlAttributeNameMax)
      v.add("'" + *attribute + "'", "timeToLiveSpecification.attributeName",
            "Member must have length less than or equal to " + std::to_string(limits::kTtlAttributeNameMax));
  }
  std::string name = requireTableName(req, v);

  Table& table = ctx.catalog.require(name);
  TimeToLive& ttl = table.mutableSchema().ttl;
  if (ttl.enabled && ttl.attribute != *attribute)
    throw ApiError::validation("TimeToLive is active on a different AttributeName: current AttributeName is " +
                               ttl.attribute);
  if (*enabled && ttl.enabled) throw ApiError::validation("TimeToLive is already enabled");
  if (!*enabled && !ttl.enabled) throw ApiError::validation("TimeToLive is already disabled");
  ttl.enabled = *enabled;
  ttl.attribute = *enabled ? *attribute : std::string();
  table.setClock(ctx.nowMillis);
  ctx.catalog.schemaChanged(table);

  ctx.out.StartObject();
  writeKey(ctx.out, "TimeToLiveSpecification");
  writeSpecification(ctx.out, *enabled, *attribute);
  ctx.out.EndObject();
}

void describeTimeToLive(OperationContext& ctx) {
  Violations v;
  std::string name = requireTableName(ctx.request, v);
  const TimeToLive& ttl = ctx.catalog.require(name).schema().ttl;
  ctx.out.StartObject();
  writeKey(ctx.out, "TimeToLiveDescription");
  ctx.out.StartObject();
  writeKey(ctx.out, "TimeToLiveStatus");
  ctx.out.String(ttl.enabled ? "ENABLED" : "DISABLED");
  if (ttl.enabled) {
    writeKey(ctx.out, "AttributeName");
    writeString(ctx.out, ttl.attribute);
  }
  ctx.out.EndObject();
  ctx.out.EndObject();
}

}  // namespace shoal
