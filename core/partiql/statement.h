// A parsed PartiQL statement, its conditions and updates already in the expression engine's
// own trees (expr/ast.h): a WHERE clause is an expr::ConditionNode and SET/REMOVE an
// expr::UpdateAst, with every literal and `?` parameter substituted as a resolved value. What
// a statement means for a given table (which item, which key range) is where_clause.h's job.
#pragma once
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "expr/ast.h"
#include "expr/document_path.h"
#include "value/attribute_value.h"

namespace shoal::partiql {

// FROM "table" or "table"."index".
struct Source {
  std::string table;
  std::optional<std::string> index;
};

// RETURNING ALL OLD * | MODIFIED OLD * | ALL NEW * | MODIFIED NEW *
enum class Returning : uint8_t { None, AllOld, ModifiedOld, AllNew, ModifiedNew };

struct OrderKey {
  std::string attribute;
  bool descending = false;
};

struct SelectStatement {
  Source from;
  // The projection: empty for '*'. Each column of the result is named after its path's last
  // named element plus the indexes after it ("a.b[1]" -> "b[1]"), as DynamoDB names them.
  std::vector<expr::DocumentPath> columns;
  expr::ConditionNode where;  // no node: no WHERE clause
  std::vector<OrderKey> orderBy;
};

struct InsertStatement {
  std::string table;
  Item item;
};

struct UpdateStatement {
  std::string table;
  expr::UpdateAst update;  // SET (also set_add/set_delete as ADD/DELETE) and REMOVE, in order
  expr::ConditionNode where;
  Returning returning = Returning::None;
};

struct DeleteStatement {
  std::string table;
  expr::ConditionNode where;
  Returning returning = Returning::None;
};

// EXISTS(SELECT ...): a transaction's condition check.
struct ExistsStatement {
  SelectStatement select;
};

using Statement = std::variant<SelectStatement, InsertStatement, UpdateStatement, DeleteStatement, ExistsStatement>;

// The column name DynamoDB gives a projected path.
std::string columnName(const expr::DocumentPath& path);

}  // namespace shoal::partiql
