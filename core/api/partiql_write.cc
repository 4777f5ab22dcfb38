#include "api/partiql_write.h"

#include "api/error.h"
#include "api/partiql_calls.h"
#include "json/wire_value.h"
#include "partiql/checks.h"

namespace shoal {
namespace {

using partiql::Returning;

const char* returnValues(const WriteRequest& w) {
  switch (w.returning) {
    case Returning::None: return nullptr;
    case Returning::AllOld: return "ALL_OLD";
    case Returning::ModifiedOld: return "UPDATED_OLD";
    case Returning::AllNew: return "ALL_NEW";
    case Returning::ModifiedNew: return "UPDATED_NEW";
  }
  return nullptr;
}

std::string inParentheses(const std::string& s) { return "(" + s + ")"; }

void planInsert(Catalog& catalog, partiql::InsertStatement& s, WriteRequest& w) {
  Table& table = catalog.require(s.table);
  w.kind = WriteRequest::Kind::Put;
  w.table = s.table;
  w.item = std::move(s.item);
  w.conditionExpression = "attribute_not_exists(" + w.expressions.path(
                              expr::DocumentPath::attribute(table.schema().key.hash.name)) + ")";
}

void planUpdate(Catalog& catalog, partiql::UpdateStatement& s, partiql::KeyRule rule, WriteRequest& w) {
  Table& table = catalog.require(s.table);
  partiql::checkUpdate(s.update);
  partiql::checkCondition(s.where);
  partiql::ItemTarget target = partiql::itemTarget(std::move(s.where), table.schema().key, rule);
  w.kind = WriteRequest::Kind::Update;
  w.table = s.table;
  w.item = std::move(target.key);
  w.returning = s.returning;
  w.updateExpression = w.expressions.update(s.update);
  w.conditionExpression =
      "attribute_exists(" + w.expressions.path(expr::DocumentPath::attribute(table.schema().key.hash.name)) + ")";
  if (target.condition.node)
    w.conditionExpression += " AND " + inParentheses(w.expressions.condition(target.condition));
}

void planDelete(Catalog& catalog, partiql::DeleteStatement& s, partiql::KeyRule rule, WriteRequest& w) {
  Table& table = catalog.require(s.table);
  partiql::checkCondition(s.where);
  partiql::ItemTarget target = partiql::itemTarget(std::move(s.where), table.schema().key, rule);
  w.kind = WriteRequest::Kind::Delete;
  w.table = s.table;
  w.item = std::move(target.key);
  w.returning = s.returning;
  if (target.condition.node)
    w.conditionExpression = "attribute_not_exists(" +
                            w.expressions.path(expr::DocumentPath::attribute(table.schema().key.hash.name)) + ") OR " +
                            inParentheses(w.expressions.condition(target.condition));
}

void planExists(Catalog& catalog, partiql::ExistsStatement& s, WriteRequest& w) {
  partiql::SelectStatement& select = s.select;
  if (select.from.index) throw ApiError::validation("Operations on indices are not supported in transactions");
  Table& table = catalog.require(select.from.table);
  partiql::checkCondition(select.where);
  const KeySchema& key = table.schema().key;
  partiql::ItemTarget target = partiql::itemTarget(std::move(select.where), key, partiql::KeyRule::FirstWins);
  bool fullKey = target.key.count(key.hash.name) && (!key.range || target.key.count(key.range->name));
  if (!fullKey || !target.condition.node)
    throw ApiError::validation("EXISTS() must contain a single item read with additional condition");
  w.kind = WriteRequest::Kind::ConditionCheck;
  w.table = select.from.table;
  w.item = std::move(target.key);
  w.conditionExpression = "attribute_exists(" + w.expressions.path(expr::DocumentPath::attribute(key.hash.name)) +
                          ") AND " + inParentheses(w.expressions.condition(target.condition));
}

}  // namespace

void WriteRequest::writeMembers(JsonWriter& w) const {
  writeKey(w, "TableName");
  writeString(w, table);
  writeKey(w, kind == Kind::Put ? "Item" : "Key");
  writeAttributeMap(w, item);
  if (!updateExpression.empty()) {
    writeKey(w, "UpdateExpression");
    writeString(w, updateExpression);
  }
  if (!conditionExpression.empty()) {
    writeKey(w, "ConditionExpression");
    writeString(w, conditionExpression);
  }
  expressions.writeSubstitutions(w);
}

WriteRequest planWrite(Catalog& catalog, partiql::Statement& statement, partiql::KeyRule rule) {
  WriteRequest w;
  if (auto* s = std::get_if<partiql::InsertStatement>(&statement)) planInsert(catalog, *s, w);
  if (auto* s = std::get_if<partiql::UpdateStatement>(&statement)) planUpdate(catalog, *s, rule, w);
  if (auto* s = std::get_if<partiql::DeleteStatement>(&statement)) planDelete(catalog, *s, rule, w);
  if (auto* s = std::get_if<partiql::ExistsStatement>(&statement)) planExists(catalog, *s, w);
  return w;
}

ApiError duplicateItem() { return ApiError("DuplicateItemException", "Duplicate primary key exists in table"); }

JsonDocument executeWrite(OperationContext& ctx, const WriteRequest& write, const WriteOptions& options) {
  OperationHandler handler = write.kind == WriteRequest::Kind::Put      ? putItem
                             : write.kind == WriteRequest::Kind::Update ? updateItem
                                                                        : deleteItem;
  try {
    return callOperation(ctx, handler, [&](JsonWriter& w) {
      write.writeMembers(w);
      if (const char* rv = returnValues(write)) {
        writeKey(w, "ReturnValues");
        writeString(w, rv);
      }
      if (options.returnConsumedCapacity) {
        writeKey(w, "ReturnConsumedCapacity");
        writeString(w, *options.returnConsumedCapacity);
      }
      if (options.returnValuesOnConditionCheckFailure && write.kind != WriteRequest::Kind::Put) {
        writeKey(w, "ReturnValuesOnConditionCheckFailure");
        writeString(w, *options.returnValuesOnConditionCheckFailure);
      }
    });
  } catch (const ApiError& e) {
    if (write.kind == WriteRequest::Kind::Put && e.type() == "ConditionalCheckFailedException") throw duplicateItem();
    if (e.type() == "ValidationException") throw ApiError::validation(partiql::withoutExpressionPrefix(e.what()));
    throw;
  }
}

}  // namespace shoal
