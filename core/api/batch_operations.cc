// BatchGetItem and BatchWriteItem: many keys or writes over several tables in one call.
// Everything is validated before anything is read or written, as DynamoDB does: one bad
// request fails the whole batch. A BatchWriteItem commits its writes as one ChangeSet. A
// BatchGetItem stops at 16 MB of response and returns the keys it did not read as
// UnprocessedKeys. With throughput emulation on (api/throughput.h), a key or write whose table
// or index is out of capacity is returned unprocessed, and a batch of which nothing could be
// processed fails with ProvisionedThroughputExceededException, as on DynamoDB.
#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/capacity.h"
#include "api/error.h"
#include "api/expression_params.h"
#include "api/item_checks.h"
#include "api/item_collection_metrics.h"
#include "api/limits.h"
#include "api/operation.h"
#include "api/projection_param.h"
#include "api/stored_item_json.h"
#include "api/table_capacities.h"
#include "api/table_name.h"
#include "api/throughput.h"
#include "api/violations.h"
#include "api/write_capacity.h"
#include "json/wire_value.h"
#include "value/item_size.h"

namespace shoal {
namespace {

const char* kTableNameConstraints =
    "Map keys must satisfy constraint: [Member must have length less than or equal to 255, Member must have "
    "length greater than or equal to 3, Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]";

std::string compactJson(const JsonValue& v) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  v.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

bool validTableName(const std::string& name) {
  Violations v;
  checkTableName(v, name);
  return v.empty();
}

const JsonValue& objectElement(const JsonValue& v) {
  if (v.IsObject()) return v;
  if (v.IsArray()) throw ApiError::serialization("Start of list found where not expected");
  throw ApiError::serialization(std::string("Unexpected value type in payload: ") + jsonKindName(v));
}

const JsonValue& arrayValue(const JsonValue& v) {
  if (v.IsArray()) return v;
  if (v.IsObject()) throw ApiError::serialization("Start of structure or map found where not expected.");
  throw ApiError::serialization(std::string("Unexpected value type in payload: ") + jsonKindName(v));
}

std::string tableNameOf(const JsonValue::Member& m) { return std::string(viewOf(m.name)); }

// ---- BatchGetItem

struct GetTable {
  std::string name;
  const JsonValue* request = nullptr;  // the table's KeysAndAttributes
  Table* table = nullptr;
  std::optional<expr::Projection> projection;
  bool consistent = false;
  std::vector<Item> keys;
  std::vector<std::string> encodedKeys;
};

// ProjectionExpression on one table and AttributesToGet on another is still a mix of
// expression and non-expression parameters in one request.
void checkProjectionStyles(const std::vector<GetTable>& tables) {
  bool expression = false, legacy = false;
  for (const GetTable& t : tables) {
    RequestReader r(*t.request);
    expression = expression || r.member("ProjectionExpression");
    legacy = legacy || r.member("AttributesToGet");
  }
  if (expression && legacy)
    throw ApiError::validation(
        "Can not use both expression and non-expression parameters in the same request: Non-expression "
        "parameters: {AttributesToGet} Expression parameters: {ProjectionExpression}");
}

// Writes `t`'s KeysAndAttributes with only the keys flagged in `unprocessed` (UnprocessedKeys
// keeps every other member as the request had it).
void writeUnprocessed(JsonWriter& w, const GetTable& t, const std::vector<char>& unprocessed) {
  writeKey(w, t.name);
  w.StartObject();
  for (auto it = t.request->MemberBegin(); it != t.request->MemberEnd(); ++it) {
    if (viewOf(it->name) == "Keys" || it->value.IsNull()) continue;
    writeKey(w, viewOf(it->name));
    it->value.Accept(w);
  }
  writeKey(w, "Keys");
  w.StartArray();
  for (size_t i = 0; i < t.keys.size(); ++i)
    if (unprocessed[i]) writeAttributeMap(w, t.keys[i]);
  w.EndArray();
  w.EndObject();
}

}  // namespace

void batchGetItem(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations v;
  const JsonValue* requestItems = req.object("RequestItems");
  std::vector<GetTable> tables;
  if (!requestItems) {
    v.notNull(false, "requestItems");
  } else if (requestItems->MemberCount() == 0) {
    v.addUnshown("RequestItems", "Member must have length greater than or equal to 1");
  } else {
    bool badName = false;
    for (auto it = requestItems->MemberBegin(); it != requestItems->MemberEnd(); ++it) {
      GetTable t;
      t.name = tableNameOf(*it);
      t.request = &objectElement(it->value);
      badName = badName || !validTableName(t.name);
      RequestReader r(*t.request);
      const JsonValue* keys = r.array("Keys");
      if (!keys) v.notNull(false, "requestItems." + t.name + ".member.keys");
      else if (keys->Size() == 0)
        v.addUnshown("RequestItems." + t.name + ".member.Keys", "Member must have length greater than or equal to 1");
      else if (keys->Size() > limits::kMaxBatchGetKeys)
        v.addUnshown("RequestItems." + t.name + ".member.Keys",
                     "Member must have length less than or equal to " + std::to_string(limits::kMaxBatchGetKeys));
      tables.push_back(std::move(t));
    }
    if (badName) v.add("'" + compactJson(*requestItems) + "'", "requestItems", kTableNameConstraints);
  }
  CapacityDetail capacity = readReturnConsumedCapacity(req, v);
  v.throwIfAny();

  size_t total = 0;
  for (const GetTable& t : tables) total += RequestReader(*t.request).array("Keys")->Size();
  if (total > limits::kMaxBatchGetKeys) throw ApiError::validation("Too many items requested for the BatchGetItem call");

  // Expressions and key values of every table, then the tables and their keys.
  checkProjectionStyles(tables);
  for (GetTable& t : tables) {
    RequestReader r(*t.request);
    ExpressionParams params(r, {"ProjectionExpression"}, {"AttributesToGet"});
    t.projection = readProjection(r, params);
    params.finish();
    t.consistent = r.boolean("ConsistentRead").value_or(false);
    for (const JsonValue& key : r.array("Keys")->GetArray()) t.keys.push_back(parseAttributeMap(objectElement(key)));
  }
  for (GetTable& t : tables) {
    t.table = &ctx.catalog.require(t.name);
    const KeySchema& schema = t.table->schema().key;
    std::set<std::string> seen;
    for (const Item& key : t.keys) {
      if (!matchesKeySchema(schema, key)) throw ApiError::validation("The provided key element does not match the schema");
      t.encodedKeys.push_back(t.table->keyOfKeyArgument(key));
      if (!seen.insert(t.encodedKeys.back()).second)
        throw ApiError::validation("Provided list of item keys contains duplicates");
    }
  }

  // Read in request order until the response would pass 16 MB; every key from there on, and
  // every key whose table is out of read capacity, is unprocessed.
  TableCapacities consumed;
  // Items as stored when there is no projection (written without a copy), else projected.
  struct Found {
    const StoredItem* stored;
    Item projected;
  };
  std::vector<std::vector<Found>> found(tables.size());
  std::vector<std::vector<char>> unprocessed(tables.size());
  for (size_t ti = 0; ti < tables.size(); ++ti) unprocessed[ti].assign(tables[ti].keys.size(), 1);
  size_t responseBytes = 0, processed = 0;
  std::optional<ApiError> throttled;
  bool full = false;
  for (size_t ti = 0; ti < tables.size() && !full; ++ti) {
    GetTable& t = tables[ti];
    consumed.touch(t.name);
    for (size_t ki = 0; ki < t.keys.size(); ++ki) {
      const StoredItem* stored = t.table->find(t.encodedKeys[ki]);
      Item item;
      size_t bytes = 0;
      if (stored) {
        if (t.projection) item = t.projection->apply(stored->toItem());
        bytes = t.projection ? itemSizeBytes(item) : stored->sizeBytes;
        if (responseBytes + bytes > limits::kMaxBatchGetResponseBytes) {
          full = true;
          break;
        }
      }
      Consumption read(t.name);
      read.addTableRead(readUnits(stored ? stored->sizeBytes : 0, t.consistent));
      if (auto error = ctx.throughput.tryCharge(*t.table, read, ctx.nowMillis)) {
        if (!throttled) throttled = std::move(error);
        continue;
      }
      unprocessed[ti][ki] = 0;
      ++processed;
      consumed.of(t.name).add(read);
      if (stored) {
        responseBytes += bytes;
        found[ti].push_back({t.projection ? nullptr : stored, std::move(item)});
      }
    }
  }
  if (processed == 0 && throttled) throw *throttled;

  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "Responses");
  w.StartObject();
  for (size_t ti = 0; ti < tables.size(); ++ti) {
    writeKey(w, tables[ti].name);
    w.StartArray();
    for (const Found& f : found[ti]) {
      if (f.stored) writeStoredItem(w, *f.stored);
      else writeAttributeMap(w, f.projected);
    }
    w.EndArray();
  }
  w.EndObject();
  writeKey(w, "UnprocessedKeys");
  w.StartObject();
  for (size_t ti = 0; ti < tables.size(); ++ti) {
    bool any = false;
    for (char u : unprocessed[ti]) any = any || u;
    if (any) writeUnprocessed(w, tables[ti], unprocessed[ti]);
  }
  w.EndObject();
  for (const GetTable& t : tables) consumed.touch(t.name);
  consumed.write(w, capacity);
  w.EndObject();
}

// ---- BatchWriteItem

namespace {

struct WriteRequest {
  std::string table;
  bool put = false;
  Item item;  // the item of a put, the key of a delete
  std::string key;
  size_t bytes = 0;  // size of a put's item
};

const char* kOneRequestType =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes";

}  // namespace

void batchWriteItem(OperationContext& ctx) {
  const RequestReader& req = ctx.request;
  Violations enums;
  CapacityDetail capacity = readReturnConsumedCapacity(req, enums);
  bool collectionMetrics = readReturnItemCollectionMetrics(req, enums);
  enums.throwIfAny();

  const JsonValue* requestItems = req.object("RequestItems");
  if (!requestItems || requestItems->MemberCount() == 0)
    throw ApiError::validation("The requestItems parameter is required for BatchWriteItem");
  Violations v;
  size_t total = 0;
  bool badName = false;
  std::string emptyLists;
  for (auto it = requestItems->MemberBegin(); it != requestItems->MemberEnd(); ++it) {
    std::string name = tableNameOf(*it);
    badName = badName || !validTableName(name);
    size_t n = arrayValue(it->value).Size();
    if (n == 0) emptyLists += (emptyLists.empty() ? "" : ", ") + name + "=[]";
    if (n > limits::kMaxBatchWriteRequests)
      v.addUnshown("RequestItems." + name + ".member", "Member must have length less than or equal to " +
                                                           std::to_string(limits::kMaxBatchWriteRequests));
    total += n;
  }
  if (badName) v.add("'" + compactJson(*requestItems) + "'", "requestItems", kTableNameConstraints);
  if (!emptyLists.empty())
    v.add("'{" + emptyLists + "}'", "requestItems",
          "Map value must satisfy constraint: [Member must have length less than or equal to " +
              std::to_string(limits::kMaxBatchWriteRequests) + ", Member must have length greater than or equal to 1]");
  v.throwIfAny();
  if (total > limits::kMaxBatchWriteRequests)
    throw ApiError::validation("Too many items requested for the BatchWriteItem call");

  // The shape and values of every request, then the tables, keys and sizes.
  std::vector<WriteRequest> writes;
  for (auto it = requestItems->MemberBegin(); it != requestItems->MemberEnd(); ++it) {
    std::string name = tableNameOf(*it);
    size_t index = 0;
    for (const JsonValue& element : it->value.GetArray()) {
      ++index;
      RequestReader r(objectElement(element));
      const JsonValue* put = r.object("PutRequest");
      const JsonValue* del = r.object("DeleteRequest");
      if ((put != nullptr) == (del != nullptr)) throw ApiError::validation(kOneRequestType);
      const char* member = put ? "Item" : "Key";
      const JsonValue* value = RequestReader(put ? *put : *del).object(member);
      if (!value) {
        Violations missing;
        missing.notNull(false, "requestItems." + name + ".member." + std::to_string(index) + ".member." +
                                   (put ? "putRequest.item" : "deleteRequest.key"));
        missing.throwIfAny();
      }
      writes.push_back({name, put != nullptr, parseAttributeMap(*value), {}, 0});
    }
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (WriteRequest& w : writes) {
    Table& table = ctx.catalog.require(w.table);
    const KeySchema& schema = table.schema().key;
    if (w.put) {
      checkAttributeNames(w.item);
      if (!hasKeyAttributes(schema, w.item)) throw ApiError::validation("The provided key element does not match the schema");
      w.key = table.keyOfItem(w.item);
      w.bytes = checkPutItemSize(w.item);
    } else {
      if (!matchesKeySchema(schema, w.item)) throw ApiError::validation("The provided key element does not match the schema");
      w.key = table.keyOfKeyArgument(w.item);
    }
    if (!seen.insert({w.table, w.key}).second) throw ApiError::validation("Provided list of item keys contains duplicates");
  }

  // What each write costs (keys are distinct, so each sees the item as it was); a write whose
  // table or index is out of capacity stays unprocessed. Then one ChangeSet, one stamp. A
  // delete of an absent item writes nothing but still costs a unit.
  TableCapacities consumed;
  std::vector<char> processed(writes.size(), 0);
  std::optional<ApiError> throttled;
  for (size_t i = 0; i < writes.size(); ++i) {
    const WriteRequest& wr = writes[i];
    Table& table = ctx.catalog.require(wr.table);
    consumed.touch(wr.table);
    Consumption cost(wr.table);
    addItemWrite(cost, table, table.find(wr.key), wr.put ? &wr.item : nullptr, wr.bytes);
    if (auto error = ctx.throughput.tryCharge(table, cost, ctx.nowMillis)) {
      if (!throttled) throttled = std::move(error);
      continue;
    }
    processed[i] = 1;
    consumed.of(wr.table).add(cost);
  }
  if (throttled && std::find(processed.begin(), processed.end(), 1) == processed.end()) throw *throttled;

  Stamp stamp = ctx.catalog.stamp(ctx.nowMillis);
  ChangeSet change{stamp, {}};
  for (size_t i = 0; i < writes.size(); ++i) {
    const WriteRequest& wr = writes[i];
    if (!processed[i]) continue;
    if (wr.put) change.writes.push_back({wr.table, wr.key, StoredItem::fromItem(wr.item, stamp)});
    else if (ctx.catalog.require(wr.table).find(wr.key)) change.writes.push_back({wr.table, wr.key, std::nullopt});
  }
  if (!change.writes.empty()) ctx.catalog.commit(change);

  ItemCollectionMetrics metrics;
  if (collectionMetrics)
    for (size_t i = 0; i < writes.size(); ++i)
      if (processed[i]) metrics.add(writes[i].table, ctx.catalog.require(writes[i].table), writes[i].item);

  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "UnprocessedItems");
  w.StartObject();
  for (auto it = requestItems->MemberBegin(); it != requestItems->MemberEnd(); ++it) {
    std::string name = tableNameOf(*it);
    bool any = false;
    for (size_t i = 0; i < writes.size(); ++i) any = any || (!processed[i] && writes[i].table == name);
    if (!any) continue;
    writeKey(w, name);
    w.StartArray();
    for (size_t i = 0; i < writes.size(); ++i) {
      if (processed[i] || writes[i].table != name) continue;
      w.StartObject();
      writeKey(w, writes[i].put ? "PutRequest" : "DeleteRequest");
      w.StartObject();
      writeKey(w, writes[i].put ? "Item" : "Key");
      writeAttributeMap(w, writes[i].item);
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  consumed.write(w, capacity);
  metrics.write(w);
  w.EndObject();
}

}  // namespace shoal
