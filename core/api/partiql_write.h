// PartiQL INSERT, UPDATE, DELETE and EXISTS as the requests they stand for:
//   INSERT  -> PutItem with attribute_not_exists(<partition key>) (a duplicate is
//              DuplicateItemException "Duplicate primary key exists in table")
//   UPDATE  -> UpdateItem of the key the WHERE names, under attribute_exists(<partition key>)
//              AND the rest of the WHERE (no item, or a false WHERE: ConditionalCheckFailed)
//   DELETE  -> DeleteItem under attribute_not_exists(<partition key>) OR the rest of the WHERE
//              (no item is success; an item the WHERE rejects is ConditionalCheckFailed)
//   EXISTS  -> a transaction's ConditionCheck under attribute_exists(...) AND the condition
// The update and conditions are the statement's expression trees written as expression text
// (partiql/expression_writer.h) that the operation compiles into the same trees.
#pragma once
#include <optional>
#include <string>

#include "api/error.h"
#include "api/operation.h"
#include "partiql/expression_writer.h"
#include "partiql/statement.h"
#include "partiql/where_clause.h"

namespace shoal {

struct WriteRequest {
  enum class Kind : uint8_t { Put, Update, Delete, ConditionCheck };
  Kind kind = Kind::Put;
  std::string table;
  Item item;  // Put: the item; the others: the key
  std::string updateExpression;
  std::string conditionExpression;
  partiql::ExpressionWriter expressions;
  partiql::Returning returning = partiql::Returning::None;

  // TableName, Item or Key, UpdateExpression, ConditionExpression and their substitutions: the
  // members a single-item operation and a transaction action share.
  void writeMembers(JsonWriter& w) const;
};

// `statement` is an INSERT, UPDATE, DELETE or EXISTS; its trees are moved out. `rule` says how
// strictly an UPDATE or DELETE must name one item (partiql/where_clause.h).
WriteRequest planWrite(Catalog& catalog, partiql::Statement& statement, partiql::KeyRule rule);

struct WriteOptions {
  std::optional<std::string> returnConsumedCapacity;
  std::optional<std::string> returnValuesOnConditionCheckFailure;
};

// Runs the write as PutItem, UpdateItem or DeleteItem and returns that operation's response
// (Attributes for RETURNING, ConsumedCapacity).
JsonDocument executeWrite(OperationContext& ctx, const WriteRequest& write, const WriteOptions& options);

// DuplicateItemException, as DynamoDB reports an INSERT of an existing key.
ApiError duplicateItem();

}  // namespace shoal
