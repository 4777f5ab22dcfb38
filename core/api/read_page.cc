#include "api/read_page.h"

#include "api/error.h"
#include "api/legacy_params.h"
#include "api/limits.h"
#include "api/projection_param.h"
#include "api/stored_item_json.h"
#include "api/throughput.h"
#include "api/violations.h"
#include "json/wire_value.h"
#include "value/item_size.h"

namespace shoal {
namespace {

const std::string kInvalid = "One or more parameter values were invalid: ";

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

// What a read sees of one row: through a GSI only the projected attributes exist; through an
// LSI DynamoDB fetches the rest from the table when asked for them.
struct RowView {
  Item full;
  Item visible;          // what the filter and the user's projection see
  size_t bytesRead;      // what the page and capacity count (the index entry through an index)
  size_t fetchedBytes;   // the table item a read through a local index fetched, else 0
};

RowView viewOf(const StoredItem& stored, const Table& table, const SecondaryIndex* index, Select select) {
  RowView v;
  v.full = stored.toItem();
  v.fetchedBytes = 0;
  if (!index) {
    v.bytesRead = stored.sizeBytes;
    v.visible = v.full;
    return v;
  }
  Item projected = index->project(v.full, table.schema().key);
  v.bytesRead = itemSizeBytes(projected);
  bool fetch = !index->schema().global && select != Select::AllProjected && select != Select::Count &&
               index->schema().projection.type != IndexProjection::Type::All;
  if (fetch) v.fetchedBytes = stored.sizeBytes;
  v.visible = fetch ? v.full : std::move(projected);
  return v;
}

Item lastEvaluatedKey(const Item& item, const Table& table, const SecondaryIndex* index) {
  Item key = table.keyAttributes(item);
  if (index) {
    for (const KeyAttribute* k : {&index->schema().key.hash, index->schema().key.range ? &*index->schema().key.range : nullptr})
      if (k)
        if (auto it = item.find(k->name); it != item.end()) key.insert(*it);
  }
  return key;
}

template <typename Map, typename Fetch>
void walk(const Map& map, const KeyInterval& interval, const std::optional<std::string>& start, bool forward,
          Fetch fetch, const std::function<bool(const std::string&, const StoredItem&)>& visit, bool& stoppedEarly) {
  auto [begin, end] = rowsIn(map, interval, start ? &*start : nullptr, forward);
  if (forward) {
    for (auto it = begin; it != end; ++it)
      if (!visit(it->first, fetch(it->second))) {
        stoppedEarly = true;
        return;
      }
  } else {
    for (auto it = end; it != begin;) {
      --it;
      if (!visit(it->first, fetch(it->second))) {
        stoppedEarly = true;
        return;
      }
    }
  }
}

}  // namespace

PageOptions readPageOptions(const RequestReader& request, ExpressionParams& params, const char* legacyFilterMember) {
  PageOptions o;
  o.select = readSelect(request);
  o.selectGiven = request.member("Select") != nullptr;
  o.limit = request.integer("Limit");
  if (o.limit && *o.limit < 1) {
    Violations v;
    v.add("'" + std::to_string(*o.limit) + "'", "limit", "Member must have value greater than or equal to 1");
    v.throwIfAny();
  }
  o.consistent = request.boolean("ConsistentRead").value_or(false);
  Violations capacityEnum;
  o.capacity = readReturnConsumedCapacity(request, capacityEnum);
  capacityEnum.throwIfAny();
  o.projection = readProjection(request, params);

  const char* projectionName = request.member("AttributesToGet") ? "AttributesToGet" : "ProjectionExpression";
  if (o.projection && o.select == Select::AllAttributes && o.selectGiven)
    throw ApiError::validation(std::string("Cannot specify the ") + projectionName +
                               " when choosing to get ALL_ATTRIBUTES");
  if (o.projection && o.select == Select::AllProjected)
    throw ApiError::validation(std::string("Cannot specify the ") + projectionName +
                               " when choosing to get ALL_PROJECTED_ATTRIBUTES");
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

const SecondaryIndex* resolveReadIndex(const RequestReader& request, const Table& table, PageOptions& o) {
  auto name = request.string("IndexName");
  if (!name) {
    if (o.select == Select::AllProjected)
      throw ApiError::validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
    return nullptr;
  }
  const SecondaryIndex* index = table.findIndex(*name);
  if (!index) throw ApiError::validation("The table does not have the specified index: " + *name);
  const IndexSchema& s = index->schema();
  if (s.status == IndexStatus::Creating)
    throw ApiError::validation("Cannot read from backfilling global secondary index: " + *name);
  if (s.global && o.consistent)
    throw ApiError::validation("Consistent reads are not supported on global secondary indexes");
  if (!o.selectGiven && !o.projection) o.select = Select::AllProjected;
  if (s.global && o.select == Select::AllAttributes && s.projection.type != IndexProjection::Type::All)
    throw ApiError::validation(kInvalid + "Select type ALL_ATTRIBUTES is not supported for global secondary index " +
                               *name + " because its projection type is not ALL");
  return index;
}

std::optional<std::string> readExclusiveStartKey(const RequestReader& request, const Table& table,
                                                 const SecondaryIndex* index) {
  const JsonValue* esk = request.object("ExclusiveStartKey");
  if (!esk) return std::nullopt;
  Item key = parseAttributeMap(*esk);
  try {
    if (!index) return table.keyOfKeyArgument(key);
    Item tablePart = table.keyAttributes(key);
    std::optional<std::string> indexKey = index->indexKeyOf(key);
    size_t expected = tablePart.size() + (index->schema().key.range ? 2 : 1);
    for (const KeyAttribute* k : {&index->schema().key.hash, index->schema().key.range ? &*index->schema().key.range : nullptr})
      if (k && tablePart.count(k->name)) --expected;  // an LSI shares the table's partition key
    if (!indexKey || key.size() != expected) throw ApiError::validation("The provided key element does not match the schema");
    return *indexKey + table.keyOfKeyArgument(tablePart);
  } catch (const ApiError& e) {
    throw ApiError::validation(std::string("The provided starting key is invalid: ") + e.what());
  }
}

void writePage(OperationContext& ctx, const Table& table, const SecondaryIndex* index, const KeyInterval& interval,
               const std::optional<std::string>& exclusiveStart, const PageOptions& o) {
  JsonWriter& w = ctx.out;
  w.StartObject();
  if (o.select != Select::Count) {
    writeKey(w, "Items");
    w.StartArray();
  }
  size_t count = 0, scanned = 0, bytesRead = 0, fetchedBytes = 0;
  Item lastItem;
  bool stoppedEarly = false;

  // No filter, no projection and the whole item visible (the table, or an index projecting ALL):
  // rows are written as stored, with no per-row copy into an Item.
  bool wholeItems = o.filter.empty() && !o.projection &&
                    (!index || index->schema().projection.type == IndexProjection::Type::All);
  auto visit = [&](const std::string& position, const StoredItem& stored) {
    // Expired items (TTL) are gone for every read, index reads included; they count nowhere.
    if (table.isExpired(stored)) return true;
    if (o.include && !o.include(position)) return true;
    ++scanned;
    if (wholeItems) {
      bytesRead += stored.sizeBytes;
      ++count;
      if (o.select != Select::Count) writeStoredItem(w, stored);
      bool stop = (o.limit && static_cast<int64_t>(scanned) >= *o.limit) || bytesRead >= limits::kMaxPageBytes;
      if (stop) lastItem = stored.toItem();
      return !stop;
    }
    RowView row = viewOf(stored, table, index, o.select);
    bytesRead += row.bytesRead;
    fetchedBytes += row.fetchedBytes;
    if (o.filter.evaluate(row.visible)) {
      ++count;
      if (o.select != Select::Count) writeAttributeMap(w, o.projection ? o.projection->apply(row.visible) : row.visible);
    }
    bool limitReached = o.limit && static_cast<int64_t>(scanned) >= *o.limit;
    bool pageFull = bytesRead >= limits::kMaxPageBytes;
    if (limitReached || pageFull) lastItem = std::move(row.full);
    return !(limitReached || pageFull);
  };

  if (index) {
    walk(index->entries(), interval, exclusiveStart, o.forward,
         [&table](const SecondaryIndex::Entry& e) -> const StoredItem& { return *table.findStored(e.tableKey); }, visit,
         stoppedEarly);
  } else {
    walk(table.rows(), interval, exclusiveStart, o.forward,
         [](const StoredItem& s) -> const StoredItem& { return s; }, visit, stoppedEarly);
  }
  if (o.select != Select::Count) w.EndArray();
  writeKey(w, "Count");
  w.Uint64(count);
  writeKey(w, "ScannedCount");
  w.Uint64(scanned);
  // A page cut by Limit or by 1 MB carries a key even when nothing follows: DynamoDB does not
  // look ahead, and neither do the SDK paginators that stop on its absence.
  if (stoppedEarly) {
    writeKey(w, "LastEvaluatedKey");
    writeAttributeMap(w, lastEvaluatedKey(lastItem, table, index));
  }
  // A read through an index is charged to the index (the index entries' sizes); items a local
  // index fetched from the table are charged to the table as well.
  Consumption consumed(table.schema().name);
  if (!index) {
    consumed.addTableRead(readUnits(bytesRead, o.consistent));
  } else {
    consumed.addIndexRead(index->schema().name, index->schema().global, readUnits(bytesRead, o.consistent));
    if (fetchedBytes > 0) consumed.addTableRead(readUnits(fetchedBytes, o.consistent));
  }
  ctx.throughput.charge(table, consumed, ctx.nowMillis);
  writeConsumedCapacity(w, o.capacity, consumed);
  w.EndObject();
}

}  // namespace shoal
