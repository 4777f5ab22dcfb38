#include "api/read_page.h"

#include "api/error.h"
#include "api/legacy_params.h"
#include "api/limits.h"
#include "api/projection_param.h"
#include "api/violations.h"
#include "json/wire_value.h"

namespace shoal {
namespace {

Select readSelect(const RequestReader& request) {
  auto s = request.string("Select");
  if (!s || *s == "ALL_ATTRIBUTES") return Select::AllAttributes;
  if (*s == "ALL_PROJECTED_ATTRIBUTES") return Select::AllProjected;
  if (*s == "SPECIFIC_ATTRIBUTES") return Select::Specific;
  if (*s == "COUNT") return Select::Count;
  Violations v;
  v.add("'" + *s + "'", "select",
        "Member must satisfy enum value set: [SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
  v.throwIfAny();
  return Select::AllAttributes;
}

}  // namespace

PageOptions readPageOptions(const RequestReader& request, ExpressionParams& params, const char* legacyFilterMember) {
  PageOptions o;
  o.select = readSelect(request);
  o.limit = request.integer("Limit");
  if (o.limit && *o.limit < 1) {
    Violations v;
    v.add(std::to_string(*o.limit), "limit", "Member must have value greater than or equal to 1");
    v.throwIfAny();
  }
  o.consistent = request.boolean("ConsistentRead").value_or(false);
  o.capacity = readReturnConsumedCapacity(request);
  o.projection = readProjection(request, params);

  const char* projectionName = request.member("AttributesToGet") ? "AttributesToGet" : "ProjectionExpression";
  if (o.projection && o.select == Select::AllAttributes && request.member("Select"))
    throw ApiError::validation(std::string("Cannot specify the ") + projectionName +
                               " when choosing to get ALL_ATTRIBUTES");
  if (o.projection && o.select == Select::Count)
    throw ApiError::validation(std::string("Cannot specify the ") + projectionName + " when choosing to get only the COUNT");
  if (!o.projection && o.select == Select::Specific)
    throw ApiError::validation("Must specify the ProjectionExpression or AttributesToGet when choosing to get "
                               "SPECIFIC_ATTRIBUTES");
  if (o.projection) o.select = Select::Specific;

  if (auto text = params.text("FilterExpression")) {
    o.filter = expr::Condition::compile(*text, expr::ExprKind::Filter, params.context());
  } else if (const JsonValue* legacy = request.object(legacyFilterMember)) {
    o.filter = legacyFilter(*legacy, request.string("ConditionalOperator"), legacyFilterMember);
  } else if (request.member("ConditionalOperator")) {
    throw ApiError::validation("ConditionalOperator can only be used when Expected or QueryFilter or ScanFilter are present");
  }
  return o;
}

std::optional<std::string> readExclusiveStartKey(const RequestReader& request, const Table& table) {
  const JsonValue* esk = request.object("ExclusiveStartKey");
  if (!esk) return std::nullopt;
  Item key = parseAttributeMap(*esk);
  try {
    return table.keyOfKeyArgument(key);
  } catch (const ApiError& e) {
    throw ApiError::validation(std::string("The provided starting key is invalid: ") + e.what());
  }
}

void writePage(OperationContext& ctx, const Table& table, Table::Rows::const_iterator begin,
               Table::Rows::const_iterator end, const PageOptions& o) {
  JsonWriter& w = ctx.out;
  w.StartObject();
  if (o.select != Select::Count) {
    writeKey(w, "Items");
    w.StartArray();
  }
  size_t count = 0, scanned = 0, bytesRead = 0;
  const std::string* lastKey = nullptr;
  bool stoppedEarly = false;

  auto visit = [&](Table::Rows::const_iterator it) {
    if (o.include && !o.include(it->first)) return true;
    ++scanned;
    bytesRead += it->second.sizeBytes;
    lastKey = &it->first;
    Item item = it->second.toItem();
    if (o.filter.evaluate(item)) {
      ++count;
      if (o.select != Select::Count) writeAttributeMap(w, o.projection ? o.projection->apply(item) : item);
    }
    bool limitReached = o.limit && static_cast<int64_t>(scanned) >= *o.limit;
    bool pageFull = bytesRead >= limits::kMaxPageBytes;
    return !(limitReached || pageFull);
  };

  if (o.forward) {
    for (auto it = begin; it != end; ++it)
      if (!visit(it)) {
        // Limit: DynamoDB does not look ahead, so a full page always carries a key.
        stoppedEarly = std::next(it) != end || (o.limit && static_cast<int64_t>(scanned) >= *o.limit);
        break;
      }
  } else {
    for (auto it = end; it != begin;) {
      --it;
      if (!visit(it)) {
        stoppedEarly = it != begin || (o.limit && static_cast<int64_t>(scanned) >= *o.limit);
        break;
      }
    }
  }
  if (o.select != Select::Count) w.EndArray();
  writeKey(w, "Count");
  w.Uint64(count);
  writeKey(w, "ScannedCount");
  w.Uint64(scanned);
  if (stoppedEarly && lastKey) {
    writeKey(w, "LastEvaluatedKey");
    writeAttributeMap(w, table.keyAttributes(table.find(*lastKey)->toItem()));
  }
  writeConsumedCapacity(w, o.capacity, table.schema().name, readUnits(bytesRead, o.consistent));
  w.EndObject();
}

}  // namespace shoal
