#include "api/partiql_read.h"

#include <algorithm>
#include <vector>

#include "api/error.h"
#include "api/expression_params.h"
#include "api/key_range.h"
#include "api/partiql_calls.h"
#include "api/read_page.h"
#include "expr/ast_walk.h"
#include "expr/condition.h"
#include "expr/key_condition.h"
#include "json/wire_value.h"
#include "partiql/checks.h"
#include "partiql/next_token.h"
#include "partiql/where_clause.h"
#include "value/key_encoding.h"

namespace shoal {
namespace {

using partiql::SelectStatement;

std::string bracketList(const std::vector<std::string>& names) {
  std::string s = "[";
  for (size_t i = 0; i < names.size(); ++i) s += (i ? ", " : "") + names[i];
  return s + "]";
}

// The top-level attributes a WHERE reads, in text order, each once.
std::vector<std::string> whereAttributes(const expr::ConditionNode& where) {
  std::vector<std::string> names;
  if (!where.node) return names;
  auto visit = [&](const expr::Operand& op, expr::Slot) {
    if (const expr::DocumentPath* p = op.path())
      if (std::find(names.begin(), names.end(), p->topLevel()) == names.end()) names.push_back(p->topLevel());
  };
  expr::walkOperands(where, visit);
  return names;
}

bool projects(const Table& table, const SecondaryIndex& index, const std::string& attribute) {
  const IndexSchema& s = index.schema();
  const KeySchema& t = table.schema().key;
  for (const KeySchema* k : {&t, &s.key})
    if (attribute == k->hash.name || (k->range && attribute == k->range->name)) return true;
  switch (s.projection.type) {
    case IndexProjection::Type::All: return true;
    case IndexProjection::Type::KeysOnly: return false;
    case IndexProjection::Type::Include:
      return std::find(s.projection.nonKeyAttributes.begin(), s.projection.nonKeyAttributes.end(), attribute) !=
             s.projection.nonKeyAttributes.end();
  }
  return false;
}

// What a read through an index may name: a global index has only its projection, and a read
// of one index partition may filter only on what the index holds.
void checkIndexAttributes(const SelectStatement& s, const Table& table, const SecondaryIndex& index, bool keyed) {
  const std::string kInvalid = "One or more parameter values were invalid: ";
  if (index.schema().global) {
    std::vector<std::string> missing;
    for (const expr::DocumentPath& p : s.columns)
      if (!projects(table, index, p.topLevel()) &&
          std::find(missing.begin(), missing.end(), p.topLevel()) == missing.end())
        missing.push_back(p.topLevel());
    if (!missing.empty())
      throw ApiError::validation(kInvalid + "Global secondary index " + index.schema().name + " does not project " +
                                 bracketList(missing));
  }
  if (keyed) {
    std::vector<std::string> missing;
    for (const std::string& a : whereAttributes(s.where))
      if (!projects(table, index, a)) missing.push_back(a);
    if (!missing.empty())
      throw ApiError::validation(kInvalid + "Secondary index " + index.schema().name +
                                 " does not project one or more filter attributes: " + bracketList(missing));
  }
}

// ORDER BY: only on key attributes, only with a partition pinned; the sort key's direction
// (or the partition key's, when only it is named) sets the direction of the read.
bool descendingOrder(const SelectStatement& s, const KeySchema& key, bool keyed) {
  if (s.orderBy.empty()) return false;
  if (!s.where.node) throw ApiError::validation("Must have WHERE clause in the statement when using ORDER BY clause.");
  for (const partiql::OrderKey& k : s.orderBy)
    if (k.attribute != key.hash.name && !(key.range && k.attribute == key.range->name))
      throw ApiError::validation("Attribute " + k.attribute + " in ORDER BY clause must be part of the primary key");
  if (!keyed)
    throw ApiError::validation(
        "Must have at least one non-optional hash key condition in WHERE clause when using ORDER BY clause.");
  for (const partiql::OrderKey& k : s.orderBy)
    if (key.range && k.attribute == key.range->name) return k.descending;
  return s.orderBy.front().descending;
}

KeyInterval intervalOf(const partiql::KeyRange& range, const KeySchema& key) {
  std::vector<expr::KeyTerm> terms;
  expr::KeyTerm partition;
  partition.attribute = key.hash.name;
  partition.value = range.partition;
  terms.push_back(partition);
  if (range.sort) terms.push_back(*range.sort);
  expr::KeyCondition condition;
  try {
    condition = expr::keyConditionFromTerms(terms, key);
  } catch (const ApiError&) {
    // A sort-key condition Query would refuse (an empty BETWEEN, ...): the filter still holds
    // it, so read the whole partition.
    terms.resize(1);
    condition = expr::keyConditionFromTerms(terms, key);
  }
  return keyInterval(encodeKey(condition.partitionValue), condition.sortKey ? &*condition.sortKey : nullptr);
}

}  // namespace

Item projectColumns(const SelectStatement& select, const Item& item) {
  if (select.columns.empty()) return item;
  Item out;
  for (const expr::DocumentPath& p : select.columns)
    if (const AttributeValue* v = expr::findPath(item, p)) out.emplace(partiql::columnName(p), *v);
  return out;
}

void executeSelect(OperationContext& ctx, SelectStatement& s, const SelectOptions& o) {
  Table& table = ctx.catalog.require(s.from.table);
  const SecondaryIndex* index = nullptr;
  if (s.from.index) {
    index = table.findIndex(*s.from.index);
    if (!index) throw ApiError::validation("The table does not have the specified index");
    if (index->schema().global && o.consistent)
      throw ApiError::validation("Strongly consistent read is not supported on Global Secondary Indexes");
  }
  const KeySchema& key = index ? index->schema().key : table.schema().key;
  partiql::checkCondition(s.where);
  std::optional<partiql::KeyRange> range = partiql::keyRange(s.where, key);
  bool descending = descendingOrder(s, key, range.has_value());
  if (index) checkIndexAttributes(s, table, *index, range.has_value());
  std::optional<Item> start;
  if (o.nextToken) start = partiql::decodeNextToken(*o.nextToken, o.fingerprint);

  // The members Query and Scan read from their requests.
  rapidjson::StringBuffer requestText;
  JsonWriter rw(requestText);
  rw.StartObject();
  writeKey(rw, "TableName");
  writeString(rw, s.from.table);
  if (index) {
    writeKey(rw, "IndexName");
    writeString(rw, *s.from.index);
    writeKey(rw, "Select");
    writeString(rw, "ALL_PROJECTED_ATTRIBUTES");
  }
  if (o.limit) {
    writeKey(rw, "Limit");
    rw.Int64(*o.limit);
  }
  if (o.consistent) {
    writeKey(rw, "ConsistentRead");
    rw.Bool(true);
  }
  if (o.returnConsumedCapacity) {
    writeKey(rw, "ReturnConsumedCapacity");
    writeString(rw, *o.returnConsumedCapacity);
  }
  if (start) {
    writeKey(rw, "ExclusiveStartKey");
    writeAttributeMap(rw, *start);
  }
  rw.EndObject();
  JsonDocument request;
  request.Parse(requestText.GetString(), requestText.GetSize());
  RequestReader reader(request);

  ExpressionParams params(reader, {}, {});
  PageOptions options = readPageOptions(reader, params, "ScanFilter");
  params.finish();
  const SecondaryIndex* readIndex = resolveReadIndex(reader, table, options);
  std::optional<std::string> startKey = readExclusiveStartKey(reader, table, readIndex);
  options.forward = !descending;
  KeyInterval interval = range ? intervalOf(*range, key) : KeyInterval{};
  if (s.where.node) options.filter = expr::Condition::fromTree(std::move(s.where));

  rapidjson::StringBuffer pageText;
  JsonWriter pw(pageText);
  OperationContext pageContext = contextFor(ctx, reader, pw);
  writePage(pageContext, table, readIndex, interval, startKey, options);
  JsonDocument page;
  page.Parse(pageText.GetString(), pageText.GetSize());

  JsonWriter& w = ctx.out;
  w.StartObject();
  writeKey(w, "Items");
  w.StartArray();
  for (const JsonValue& item : page["Items"].GetArray()) {
    if (s.columns.empty()) {
      item.Accept(w);
    } else {
      writeAttributeMap(w, projectColumns(s, parseAttributeMap(item)));
    }
  }
  w.EndArray();
  if (page.HasMember("LastEvaluatedKey")) {
    Item last = parseAttributeMap(page["LastEvaluatedKey"]);
    writeKey(w, "NextToken");
    writeString(w, partiql::encodeNextToken(o.fingerprint, last));
    writeKey(w, "LastEvaluatedKey");
    writeAttributeMap(w, last);
  }
  if (page.HasMember("ConsumedCapacity")) {
    writeKey(w, "ConsumedCapacity");
    page["ConsumedCapacity"].Accept(w);
  }
  w.EndObject();
}

Item requireFullKey(Catalog& catalog, const SelectStatement& select, const char* caller) {
  std::string refused = std::string("Select statements within ") + caller +
                        " must specify the primary key in the where clause.";
  if (select.from.index) throw ApiError::validation(refused);
  Table& table = catalog.require(select.from.table);
  partiql::checkCondition(select.where);
  std::optional<Item> key = partiql::exactKey(select.where, table.schema().key);
  if (!key) throw ApiError::validation(refused);
  return *key;
}

KeyedRead readByKey(OperationContext& ctx, const SelectStatement& select, bool consistent, const char* caller) {
  Item key = requireFullKey(ctx.catalog, select, caller);
  JsonDocument response = callOperation(ctx, getItem, [&](JsonWriter& w) {
    writeKey(w, "TableName");
    writeString(w, select.from.table);
    writeKey(w, "Key");
    writeAttributeMap(w, key);
    writeKey(w, "ConsistentRead");
    w.Bool(consistent);
    writeKey(w, "ReturnConsumedCapacity");
    writeString(w, "TOTAL");
  });
  KeyedRead out;
  if (response.HasMember("Item")) out.item = projectColumns(select, parseAttributeMap(response["Item"]));
  out.capacityUnits = response["ConsumedCapacity"]["CapacityUnits"].GetDouble();
  return out;
}

}  // namespace shoal
