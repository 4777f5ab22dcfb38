// Readable renderings of parsed statements for the PartiQL tests: paths as written, values as
// their type and text ("N:1", "S:a"), every composite in parentheses.
#pragma once
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "api/error.h"
#include "expr/ast.h"
#include "partiql/parser.h"

namespace shoal::partiql::testing {

inline std::string show(const AttributeValue& v) {
  switch (v.type()) {
    case Type::S: return "S:" + v.asString();
    case Type::N: return "N:" + v.asNumber().toString();
    case Type::BOOL: return v.asBool() ? "true" : "false";
    case Type::NUL: return "null";
    case Type::L: {
      std::string s = "[";
      for (size_t i = 0; i < v.asList().size(); ++i) s += (i ? "," : "") + show(v.asList()[i]);
      return s + "]";
    }
    case Type::M: {
      std::string s = "{";
      bool first = true;
      for (const auto& [k, x] : v.asMap()) {
        s += (first ? "" : ",") + k + ":" + show(x);
        first = false;
      }
      return s + "}";
    }
    case Type::SS: {
      std::string s = "SS<";
      for (size_t i = 0; i < v.asStringSet().size(); ++i) s += (i ? "," : "") + v.asStringSet()[i];
      return s + ">";
    }
    case Type::NS: {
      std::string s = "NS<";
      for (size_t i = 0; i < v.asNumberSet().size(); ++i) s += (i ? "," : "") + v.asNumberSet()[i].toString();
      return s + ">";
    }
    default: return typeName(v.type());
  }
}

inline std::string show(const expr::DocumentPath& p) {
  std::string s;
  for (const expr::PathElement& e : p.elements)
    s += e.isIndex() ? "[" + std::to_string(e.index) + "]" : (s.empty() ? "" : ".") + e.name;
  return s;
}

inline std::string show(const expr::Operand& op) {
  if (const auto* p = op.path()) return show(*p);
  if (const auto* v = op.value()) return show(v->value);
  const expr::FunctionCall& c = *op.call();
  std::string s = c.name + "(";
  for (size_t i = 0; i < c.args.size(); ++i) s += (i ? "," : "") + show(c.args[i]);
  return s + ")";
}

inline std::string show(const expr::ConditionNode& n) {
  if (!n.node) return "";
  return std::visit(
      [](const auto& x) -> std::string {
        using N = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<N, expr::Comparison>) {
          return show(x.left) + " " + expr::compareOpSymbol(x.op) + " " + show(x.right);
        } else if constexpr (std::is_same_v<N, expr::Between>) {
          return show(x.subject) + " BETWEEN " + show(x.lower) + " AND " + show(x.upper);
        } else if constexpr (std::is_same_v<N, expr::In>) {
          std::string s = show(x.subject) + " IN (";
          for (size_t i = 0; i < x.candidates.size(); ++i) s += (i ? "," : "") + show(x.candidates[i]);
          return s + ")";
        } else if constexpr (std::is_same_v<N, expr::FunctionCondition>) {
          return show(x.call);
        } else {
          if (x.op == expr::Logical::Op::Not) return "NOT (" + show(x.terms[0]) + ")";
          std::string s;
          for (size_t i = 0; i < x.terms.size(); ++i)
            s += (i ? (x.op == expr::Logical::Op::And ? " AND " : " OR ") : "") + ("(" + show(x.terms[i]) + ")");
          return s;
        }
      },
      *n.node);
}

inline std::string show(const expr::UpdateAst& u) {
  std::string s;
  for (const expr::UpdateAction& a : u.actions) {
    if (!s.empty()) s += "; ";
    s += std::string(expr::updateActionName(a.kind)) + " " + show(a.path);
    if (a.value) s += (a.kind == expr::UpdateActionKind::Set ? " = " : " ") + show(*a.value);
  }
  return s;
}

// The message of the ValidationException (or other ApiError) parsing throws, "" if none.
inline std::string parseError(const std::string& text, const std::vector<AttributeValue>& params = {}) {
  try {
    parseStatement(text, params);
  } catch (const ApiError& e) {
    return e.what();
  }
  return "";
}

}  // namespace shoal::partiql::testing
