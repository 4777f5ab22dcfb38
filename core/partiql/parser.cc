#include "partiql/parser.h"

#include <set>

#include "partiql/cursor.h"
#include "partiql/errors.h"
#include "partiql/expression_parser.h"
#include "partiql/literal.h"

namespace shoal::partiql {
namespace {

using expr::Operand;
using expr::UpdateAction;
using expr::UpdateActionKind;

bool isSetType(const AttributeValue& v) { return v.is(Type::SS) || v.is(Type::NS) || v.is(Type::BS); }

class StatementParser {
 public:
  explicit StatementParser(Cursor& c) : c_(c) {}

  Statement statement() {
    const Token& t = c_.peek();
    if (isKeyword(t, "SELECT")) return select();
    if (isKeyword(t, "INSERT")) return insert();
    if (isKeyword(t, "UPDATE")) return update();
    if (isKeyword(t, "DELETE")) return remove();
    if (isKeyword(t, "EXISTS")) return exists();
    throwNotWellFormed("Expected data manipulation");
  }

 private:
  // table or "table"; with `allowIndex`, also "table"."index". `dml`: the message DynamoDB
  // gives a missing name after DELETE FROM, INSERT INTO and UPDATE.
  Source source(bool dml) {
    Source s;
    std::vector<std::string> parts;
    do {
      const Token& t = c_.peek();
      bool name = t.kind == TokenKind::QuotedIdentifier || (t.kind == TokenKind::Identifier && !Cursor::isReserved(t));
      if (!name) {
        if (dml) throwNotWellFormed("Expected identifier for simple path");
        c_.unexpected(t);
      }
      parts.push_back(t.text);
      c_.next();
    } while (c_.accept(TokenKind::Dot));
    for (const std::string& p : parts)
      if (p.empty()) throwInvalid("Path component cannot be an empty string");
    if (parts.size() > 2) throwInvalid("A path may contain at most 2 components in the FROM clause");
    s.table = parts[0];
    if (parts.size() == 2) s.index = parts[1];
    return s;
  }

  std::string tableOnly(bool dml) {
    Source s = source(dml);
    if (s.index) throwInvalid("This operation is not supported on an index");
    return s.table;
  }

  // "FROM t x" and "FROM t AS x".
  void refuseAlias() {
    const Token& t = c_.peek();
    if (isKeyword(t, "AS") || (t.kind == TokenKind::Identifier && !Cursor::isReserved(t)) ||
        t.kind == TokenKind::QuotedIdentifier)
      throwInvalid("Aliasing is not supported");
  }

  SelectStatement selectBody() {
    c_.expectKeyword("SELECT");
    SelectStatement s;
    if (c_.atKeyword("VALUE") || c_.atKeyword("PIVOT"))
      throwInvalid("Select projection doesn't support value or pivot keywords");
    bool star = false;
    do {
      if (c_.peek().kind == TokenKind::Star) {
        c_.next();
        star = true;
      } else {
        s.columns.push_back(parsePath(c_));
        if (c_.atKeyword("AS")) throwInvalid("Aliasing is not supported");
      }
    } while (c_.accept(TokenKind::Comma));
    if (star && !s.columns.empty())
      throwInvalid("Other attributes should not be present in the projection when '*' is used.");
    std::set<std::string> names;
    for (const expr::DocumentPath& p : s.columns)
      if (!names.insert(columnName(p)).second) throwInvalid("Duplicate identifiers in select clause: " + columnName(p));
    c_.expectKeyword("FROM");
    s.from = source(false);
    refuseAlias();
    if (c_.acceptKeyword("WHERE")) s.where = parseCondition(c_);
    if (c_.acceptKeyword("ORDER")) {
      c_.expectKeyword("BY");
      do {
        expr::DocumentPath p = parsePath(c_);
        if (p.nested()) throwInvalid("Argument to ORDER BY must be of type VariableReference. Type: Path");
        OrderKey key{p.topLevel(), false};
        if (c_.acceptKeyword("DESC")) {
          key.descending = true;
        } else {
          c_.acceptKeyword("ASC");
        }
        s.orderBy.push_back(key);
      } while (c_.accept(TokenKind::Comma));
    }
    return s;
  }

  Statement select() { return selectBody(); }

  Statement exists() {
    c_.expectKeyword("EXISTS");
    c_.expect(TokenKind::LParen);
    ExistsStatement e{selectBody()};
    c_.expect(TokenKind::RParen);
    return e;
  }

  Statement insert() {
    c_.expectKeyword("INSERT");
    c_.expectKeyword("INTO");
    InsertStatement s;
    s.table = tableOnly(true);
    if (c_.atKeyword("AT")) throwInvalid("AT is not supported in insert statements.");
    if (!c_.acceptKeyword("VALUE")) {
      if (c_.atKeyword("VALUES") || c_.atKeyword("SELECT"))
        throwInvalid("Unsupported operation: Inserting multiple items in a single statement is not supported, use "
                     "\"INSERT INTO tableName VALUE item\" instead");
      throwNotWellFormed("Unexpected token after expression");
    }
    const Token& t = c_.peek();
    if (t.kind == TokenKind::BagOpen)
      throwInvalid("Unsupported operation: Inserting multiple items in a single statement is not supported, use "
                   "\"INSERT INTO tableName VALUE item\" instead");
    if (t.kind == TokenKind::Parameter) {
      c_.next();
      AttributeValue item = c_.takeParameter();
      if (!item.is(Type::M))
        throwInvalid("Unsupported format in item expression. Please use struct format {...} to express item values "
                     "for insert statement.");
      s.item = item.asMap();
    } else if (t.kind == TokenKind::LBrace) {
      s.item = item();
    } else {
      throwInvalid("Unsupported format in item expression. Please use struct format {...} to express item values for "
                   "insert statement.");
    }
    if (c_.peek().kind == TokenKind::Comma)
      throwInvalid("Unsupported operation: Inserting multiple items in a single statement is not supported, use "
                   "\"INSERT INTO tableName VALUE item\" instead");
    if (c_.atKeyword("RETURNING")) throwInvalid("RETURNING is not supported in INSERT");
    return s;
  }

  // { 'name': value, ... } whose values may be `?` (each attribute value is its own "root").
  Item item() {
    c_.expect(TokenKind::LBrace);
    Item out;
    if (c_.accept(TokenKind::RBrace)) return out;
    do {
      const Token& key = c_.peek();
      if (key.kind != TokenKind::String) {
        if (key.kind == TokenKind::RBrace || key.kind == TokenKind::Comma || key.kind == TokenKind::End)
          c_.unexpected(key);
        throwInvalid("Tuple keys must be of type String under root");
      }
      std::string name = key.text;
      c_.next();
      c_.expect(TokenKind::Colon);
      AttributeValue v = parseLiteral(c_);
      if (!out.emplace(name, std::move(v)).second)
        throwInvalid("Duplicate keys in tuple. Key: " + name + " under root");
    } while (c_.accept(TokenKind::Comma));
    c_.expect(TokenKind::RBrace);
    return out;
  }

  Statement update() {
    c_.expectKeyword("UPDATE");
    UpdateStatement s;
    s.table = tableOnly(true);
    if (!c_.atKeyword("SET") && !c_.atKeyword("REMOVE")) refuseAlias();
    bool any = false;
    for (;;) {
      if (c_.acceptKeyword("SET")) {
        do {
          s.update.actions.push_back(assignment());
        } while (c_.accept(TokenKind::Comma));
      } else if (c_.acceptKeyword("REMOVE")) {
        do {
          s.update.actions.push_back(UpdateAction{UpdateActionKind::Remove, parsePath(c_), std::nullopt});
        } while (c_.accept(TokenKind::Comma));
      } else if (c_.atKeyword("ADD") || c_.atKeyword("DELETE")) {
        throwInvalid("Only SET and REMOVE are supported in update expressions at this time");
      } else {
        break;
      }
      any = true;
    }
    if (!any) c_.unexpected(c_.peek());
    if (c_.acceptKeyword("WHERE")) s.where = parseCondition(c_);
    s.returning = returning();
    return s;
  }

  // path = value, where set_add/set_delete make an ADD/DELETE action.
  UpdateAction assignment() {
    expr::DocumentPath target = parsePath(c_);
    c_.expect(TokenKind::Eq);
    const Token& t = c_.peek();
    if (t.kind == TokenKind::Identifier && c_.peek(1).kind == TokenKind::LParen) {
      std::string lower = lowerName(t.text);
      if (lower == "set_add" || lower == "set_delete") return setFunction(std::move(target), lower == "set_add");
    }
    Operand value = updateValue();
    return UpdateAction{UpdateActionKind::Set, std::move(target), std::move(value)};
  }

  UpdateAction setFunction(expr::DocumentPath target, bool add) {
    const char* name = add ? "SET_ADD" : "SET_DELETE";
    const Token& fn = c_.next();
    c_.expect(TokenKind::LParen);
    const Token& firstToken = c_.peek();
    std::vector<std::pair<Operand, Token>> args;
    if (c_.peek().kind != TokenKind::RParen) {
      do {
        Token at = c_.peek();
        args.emplace_back(updateTerm(), at);
      } while (c_.accept(TokenKind::Comma));
    }
    c_.expect(TokenKind::RParen);
    if (args.size() != 2) throwInvalid(std::string(name) + " must have exactly two arguments");
    const expr::DocumentPath* first = args[0].first.path();
    if (!first || !(*first == target))
      throwInvalid(std::string("The first argument to ") + name + " must equal the assignment value" + c_.at(fn));
    const expr::ValueRef* second = args[1].first.value();
    if (!second || !isSetType(second->value))
      throwInvalid(std::string("The second argument to ") + name + " must be a value with type SET" +
                   c_.at(firstToken));
    return UpdateAction{add ? UpdateActionKind::Add : UpdateActionKind::Delete, std::move(target),
                        std::move(args[1].first)};
  }

  // term [(+|-) term]
  Operand updateValue() {
    const Token& start = c_.peek();
    Operand left = updateTerm();
    TokenKind k = c_.peek().kind;
    if (k != TokenKind::Plus && k != TokenKind::Minus) return left;
    const char* op = k == TokenKind::Plus ? "+" : "-";
    c_.next();
    Operand right = updateTerm();
    for (const Operand* side : {&left, &right}) {
      if (const expr::ValueRef* v = side->value(); v && !v->value.is(Type::N))
        throwInvalid(std::string("Incorrect operand type for operator or function; operator or function: ") + op +
                     ", operand type: " + typeName(v->value.type()));
    }
    expr::FunctionCall call;
    call.name = op;
    call.function = expr::functionByName(op);
    call.args.push_back(std::move(left));
    call.args.push_back(std::move(right));
    Operand out;
    out.node = std::move(call);
    out.offset = start.offset;
    return out;
  }

  // literal | ? | path | list_append(a, b) | if_not_exists(p, v) | (value)
  Operand updateTerm() {
    const Token& t = c_.peek();
    Operand op;
    op.offset = t.offset;
    if (t.kind == TokenKind::LParen) {
      Cursor::Nest nest(c_);
      c_.next();
      Operand inner = updateValue();
      c_.expect(TokenKind::RParen);
      return inner;
    }
    if (t.kind == TokenKind::Parameter || startsLiteral(c_)) {
      op.node = expr::ValueRef{std::string(), parseLiteral(c_)};
      return op;
    }
    if (t.kind == TokenKind::Identifier && c_.peek(1).kind == TokenKind::LParen) {
      std::string lower = lowerName(t.text);
      if (lower != "list_append" && lower != "if_not_exists")
        throwInvalid("Unsupported operation: function " + t.text + " is not supported in update expressions");
      Cursor::Nest nest(c_);
      c_.next();
      c_.expect(TokenKind::LParen);
      expr::FunctionCall call;
      call.name = lower;
      call.function = expr::functionByName(lower);
      if (c_.peek().kind != TokenKind::RParen) {
        do {
          call.args.push_back(updateValue());
        } while (c_.accept(TokenKind::Comma));
      }
      c_.expect(TokenKind::RParen);
      op.node = std::move(call);
      return op;
    }
    if (isKeyword(t, "MISSING")) throwInvalid("MISSING must be compared using IS operator");
    op.node = parsePath(c_);
    return op;
  }

  Returning returning() {
    if (!c_.acceptKeyword("RETURNING")) return Returning::None;
    bool all;
    if (c_.acceptKeyword("ALL")) {
      all = true;
    } else if (c_.acceptKeyword("MODIFIED")) {
      all = false;
    } else {
      c_.unexpected(c_.peek());
    }
    bool old;
    if (c_.acceptKeyword("OLD")) {
      old = true;
    } else if (c_.acceptKeyword("NEW")) {
      old = false;
    } else {
      c_.unexpected(c_.peek());
    }
    if (!c_.accept(TokenKind::Star))
      throwInvalid("Expected '*' after ( MODIFIED | ALL ) ( NEW | OLD ) in RETURNING clause");
    if (c_.peek().kind == TokenKind::Comma)
      throwInvalid("Invalid syntax with multiple returning elements in RETURNING clause");
    if (all) return old ? Returning::AllOld : Returning::AllNew;
    return old ? Returning::ModifiedOld : Returning::ModifiedNew;
  }

  Statement remove() {
    c_.expectKeyword("DELETE");
    c_.expectKeyword("FROM");
    DeleteStatement s;
    s.table = tableOnly(true);
    if (!c_.atKeyword("WHERE")) refuseAlias();
    if (c_.acceptKeyword("WHERE")) s.where = parseCondition(c_);
    s.returning = returning();
    if (s.returning != Returning::None && s.returning != Returning::AllOld) {
      static const char* kNames[] = {"", "ALL OLD", "MODIFIED OLD", "ALL NEW", "MODIFIED NEW"};
      throwInvalid(std::string("Invalid returning clause: RETURNING ") + kNames[static_cast<int>(s.returning)] +
                   " *. Only RETURNING ALL OLD * is allowed in DELETE statements.");
    }
    return s;
  }

  Cursor& c_;
};

}  // namespace

Statement parseStatement(std::string_view text, const std::vector<AttributeValue>& parameters) {
  Cursor c(text, parameters);
  Statement s = StatementParser(c).statement();
  c.accept(TokenKind::Semicolon);
  if (c.peek().kind != TokenKind::End) throwNotWellFormed("Unexpected token after expression");
  if (c.parametersUsed() != parameters.size())
    throwInvalid("Number of parameters in request and statement don't match.");
  return s;
}

}  // namespace shoal::partiql
