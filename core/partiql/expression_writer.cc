#include "partiql/expression_writer.h"

#include "json/wire_value.h"

namespace shoal::partiql {

std::string ExpressionWriter::name(const std::string& attribute) {
  auto it = placeholderOf_.find(attribute);
  if (it != placeholderOf_.end()) return it->second;
  std::string placeholder = "#" + std::to_string(names_.size());
  placeholderOf_.emplace(attribute, placeholder);
  names_.emplace_back(placeholder, attribute);
  return placeholder;
}

std::string ExpressionWriter::value(const AttributeValue& v) {
  std::string placeholder = ":" + std::to_string(values_.size());
  values_.emplace_back(placeholder, v);
  return placeholder;
}

std::string ExpressionWriter::path(const expr::DocumentPath& path) {
  std::string out;
  for (const expr::PathElement& e : path.elements) {
    if (e.isIndex()) {
      out += "[" + std::to_string(e.index) + "]";
    } else {
      if (!out.empty()) out += ".";
      out += name(e.name);
    }
  }
  return out;
}

std::string ExpressionWriter::operand(const expr::Operand& op) {
  if (const expr::DocumentPath* p = op.path()) return path(*p);
  if (const expr::ValueRef* v = op.value()) return value(v->value);
  const expr::FunctionCall& call = *op.call();
  if (call.function == expr::Function::Plus || call.function == expr::Function::Minus)
    return operand(call.args[0]) + " " + call.name + " " + operand(call.args[1]);
  std::string out = call.name + "(";
  for (size_t i = 0; i < call.args.size(); ++i) out += (i ? ", " : "") + operand(call.args[i]);
  return out + ")";
}

std::string ExpressionWriter::condition(const expr::ConditionNode& node) {
  return std::visit(
      [&](const auto& n) -> std::string {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, expr::Comparison>) {
          return operand(n.left) + " " + expr::compareOpSymbol(n.op) + " " + operand(n.right);
        } else if constexpr (std::is_same_v<N, expr::Between>) {
          return operand(n.subject) + " BETWEEN " + operand(n.lower) + " AND " + operand(n.upper);
        } else if constexpr (std::is_same_v<N, expr::In>) {
          std::string out = operand(n.subject) + " IN (";
          for (size_t i = 0; i < n.candidates.size(); ++i) out += (i ? ", " : "") + operand(n.candidates[i]);
          return out + ")";
        } else if constexpr (std::is_same_v<N, expr::FunctionCondition>) {
          return operand(n.call);
        } else {
          // Each term in parentheses: precedence is then explicit, and none is redundant.
          if (n.op == expr::Logical::Op::Not) return "NOT (" + condition(n.terms.front()) + ")";
          const char* op = n.op == expr::Logical::Op::And ? " AND " : " OR ";
          std::string out;
          for (size_t i = 0; i < n.terms.size(); ++i) out += (i ? op : "") + ("(" + condition(n.terms[i]) + ")");
          return out;
        }
      },
      *node.node);
}

std::string ExpressionWriter::update(const expr::UpdateAst& ast) {
  std::string out;
  for (expr::UpdateActionKind kind : {expr::UpdateActionKind::Set, expr::UpdateActionKind::Remove,
                                      expr::UpdateActionKind::Add, expr::UpdateActionKind::Delete}) {
    std::string clause;
    for (const expr::UpdateAction& a : ast.actions) {
      if (a.kind != kind) continue;
      clause += clause.empty() ? std::string(expr::updateActionName(kind)) + " " : ", ";
      clause += path(a.path);
      if (kind == expr::UpdateActionKind::Set) clause += " = " + operand(*a.value);
      if (kind == expr::UpdateActionKind::Add || kind == expr::UpdateActionKind::Delete)
        clause += " " + operand(*a.value);
    }
    if (!clause.empty()) out += (out.empty() ? "" : " ") + clause;
  }
  return out;
}

void ExpressionWriter::writeSubstitutions(JsonWriter& w) const {
  if (!names_.empty()) {
    writeKey(w, "ExpressionAttributeNames");
    w.StartObject();
    for (const auto& [placeholder, attribute] : names_) {
      writeKey(w, placeholder);
      writeString(w, attribute);
    }
    w.EndObject();
  }
  if (!values_.empty()) {
    writeKey(w, "ExpressionAttributeValues");
    w.StartObject();
    for (const auto& [placeholder, v] : values_) {
      writeKey(w, placeholder);
      writeAttributeValue(w, v);
    }
    w.EndObject();
  }
}

}  // namespace shoal::partiql
