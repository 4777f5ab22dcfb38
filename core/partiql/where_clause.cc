#include "partiql/where_clause.h"

#include <map>

#include "partiql/errors.h"

namespace shoal::partiql {
namespace {

using expr::ConditionNode;

const expr::Logical* asLogical(const ConditionNode& n, expr::Logical::Op op) {
  const auto* l = std::get_if<expr::Logical>(n.node.get());
  return l && l->op == op ? l : nullptr;
}

void collect(const ConditionNode& n, std::vector<const ConditionNode*>& out) {
  if (const expr::Logical* l = asLogical(n, expr::Logical::Op::And)) {
    for (const ConditionNode& t : l->terms) collect(t, out);
  } else {
    out.push_back(&n);
  }
}

void take(ConditionNode n, std::vector<ConditionNode>& out) {
  if (auto* l = std::get_if<expr::Logical>(n.node.get()); l && l->op == expr::Logical::Op::And) {
    for (ConditionNode& t : l->terms) take(std::move(t), out);
  } else {
    out.push_back(std::move(n));
  }
}

// The top-level attribute an operand names, if it is a plain (not nested) path.
const std::string* attributeOf(const expr::Operand& op) {
  const expr::DocumentPath* p = op.path();
  return p && !p->nested() ? &p->topLevel() : nullptr;
}

bool isKeyAttribute(const KeySchema& key, const std::string& name) {
  return name == key.hash.name || (key.range && name == key.range->name);
}

void requireKeyType(const KeyAttribute& k, const AttributeValue& v) {
  if (v.type() != k.type)
    throwInvalid("Key attribute's data type should match its data type in table's schema: Key " + k.name);
}

expr::SortKeyOp flipped(expr::CompareOp op) {
  switch (op) {
    case expr::CompareOp::Lt: return expr::SortKeyOp::Gt;
    case expr::CompareOp::Le: return expr::SortKeyOp::Ge;
    case expr::CompareOp::Gt: return expr::SortKeyOp::Lt;
    case expr::CompareOp::Ge: return expr::SortKeyOp::Le;
    default: return expr::SortKeyOp::Eq;
  }
}

expr::SortKeyOp straight(expr::CompareOp op) {
  switch (op) {
    case expr::CompareOp::Lt: return expr::SortKeyOp::Lt;
    case expr::CompareOp::Le: return expr::SortKeyOp::Le;
    case expr::CompareOp::Gt: return expr::SortKeyOp::Gt;
    case expr::CompareOp::Ge: return expr::SortKeyOp::Ge;
    default: return expr::SortKeyOp::Eq;
  }
}

// A conjunct a Query's sort-key condition can stand for: =, <, <=, >, >=, BETWEEN and
// begins_with between the sort key and constants of its type.
std::optional<expr::KeyTerm> sortTerm(const ConditionNode& n, const KeyAttribute& k) {
  expr::KeyTerm term;
  term.attribute = k.name;
  if (const auto* c = std::get_if<expr::Comparison>(n.node.get())) {
    if (c->op == expr::CompareOp::Ne) return std::nullopt;
    const std::string* left = attributeOf(c->left);
    const std::string* right = attributeOf(c->right);
    if (left && *left == k.name && c->right.value()) {
      term.op = straight(c->op);
      term.value = c->right.value()->value;
    } else if (right && *right == k.name && c->left.value()) {
      term.op = flipped(c->op);
      term.value = c->left.value()->value;
    } else {
      return std::nullopt;
    }
    if (term.op == expr::SortKeyOp::Eq) requireKeyType(k, term.value);
    if (term.value.type() != k.type) return std::nullopt;
    return term;
  }
  if (const auto* b = std::get_if<expr::Between>(n.node.get())) {
    const std::string* subject = attributeOf(b->subject);
    if (!subject || *subject != k.name || !b->lower.value() || !b->upper.value()) return std::nullopt;
    term.op = expr::SortKeyOp::Between;
    term.value = b->lower.value()->value;
    term.upper = b->upper.value()->value;
    if (term.value.type() != k.type || term.upper.type() != k.type) return std::nullopt;
    return term;
  }
  if (const auto* f = std::get_if<expr::FunctionCondition>(n.node.get())) {
    const expr::FunctionCall& call = f->function();
    if (call.function != expr::Function::BeginsWith || call.args.size() != 2) return std::nullopt;
    const std::string* subject = attributeOf(call.args[0]);
    if (!subject || *subject != k.name || !call.args[1].value()) return std::nullopt;
    term.op = expr::SortKeyOp::BeginsWith;
    term.value = call.args[1].value()->value;
    if (k.type == Type::N || term.value.type() != k.type) return std::nullopt;
    return term;
  }
  if (auto e = equalityOf(n, true); e && e->attribute == k.name) {
    requireKeyType(k, *e->value);
    term.value = *e->value;
    return term;
  }
  return std::nullopt;
}

}  // namespace

std::vector<const ConditionNode*> conjuncts(const ConditionNode& where) {
  std::vector<const ConditionNode*> out;
  if (where.node) collect(where, out);
  return out;
}

std::vector<ConditionNode> takeConjuncts(ConditionNode where) {
  std::vector<ConditionNode> out;
  if (where.node) take(std::move(where), out);
  return out;
}

ConditionNode conjunction(std::vector<ConditionNode> terms) {
  if (terms.empty()) return ConditionNode();
  if (terms.size() == 1) return std::move(terms.front());
  uint32_t offset = terms.front().offset;
  return ConditionNode(expr::Logical{expr::Logical::Op::And, std::move(terms)}, offset);
}

std::optional<Equality> equalityOf(const ConditionNode& node, bool allowSingleIn) {
  if (const auto* c = std::get_if<expr::Comparison>(node.node.get()); c && c->op == expr::CompareOp::Eq) {
    if (const std::string* a = attributeOf(c->left); a && c->right.value())
      return Equality{*a, &c->right.value()->value};
    if (const std::string* a = attributeOf(c->right); a && c->left.value())
      return Equality{*a, &c->left.value()->value};
  }
  if (const auto* in = std::get_if<expr::In>(node.node.get()); allowSingleIn && in && in->candidates.size() == 1) {
    const std::string* a = attributeOf(in->subject);
    if (a && in->candidates[0].value()) return Equality{*a, &in->candidates[0].value()->value};
  }
  return std::nullopt;
}

ItemTarget itemTarget(ConditionNode where, const KeySchema& key, KeyRule rule) {
  ItemTarget target;
  std::vector<ConditionNode> rest;
  std::map<std::string, bool> conflicting;
  for (ConditionNode& term : takeConjuncts(std::move(where))) {
    std::optional<Equality> e = equalityOf(term, false);
    if (!e || !isKeyAttribute(key, e->attribute)) {
      rest.push_back(std::move(term));
      continue;
    }
    auto [it, inserted] = target.key.emplace(e->attribute, *e->value);
    if (inserted || it->second == *e->value) continue;
    if (rule == KeyRule::Strict)
      throwInvalid("Multiple conditions on same key " + e->attribute +
                   ". Only single item Update/Insert/Delete are supported");
    if (rule == KeyRule::FirstWins) {
      rest.push_back(std::move(term));
    } else {
      conflicting[e->attribute] = true;
    }
  }
  for (const auto& [name, _] : conflicting) target.key.erase(name);
  if (rule == KeyRule::Strict &&
      (!target.key.count(key.hash.name) || (key.range && !target.key.count(key.range->name))))
    throwInvalid("Where clause does not contain a mandatory equality on all key attributes");
  target.condition = conjunction(std::move(rest));
  return target;
}

std::optional<Item> exactKey(const ConditionNode& where, const KeySchema& key) {
  Item out;
  for (const ConditionNode* term : conjuncts(where)) {
    std::optional<Equality> e = equalityOf(*term, true);
    if (!e || !isKeyAttribute(key, e->attribute)) return std::nullopt;
    auto [it, inserted] = out.emplace(e->attribute, *e->value);
    if (!inserted && it->second != *e->value) return std::nullopt;
  }
  if (!out.count(key.hash.name) || (key.range && !out.count(key.range->name))) return std::nullopt;
  return out;
}

std::optional<KeyRange> keyRange(const ConditionNode& where, const KeySchema& key) {
  std::vector<const ConditionNode*> terms = conjuncts(where);
  std::optional<KeyRange> range;
  for (const ConditionNode* term : terms) {
    std::optional<Equality> e = equalityOf(*term, true);
    if (!e || e->attribute != key.hash.name) continue;
    requireKeyType(key.hash, *e->value);
    if (!range) range = KeyRange{*e->value, std::nullopt};
  }
  if (!range || !key.range) return range;
  for (const ConditionNode* term : terms) {
    if (auto t = sortTerm(*term, *key.range)) {
      range->sort = std::move(t);
      break;
    }
  }
  return range;
}

}  // namespace shoal::partiql
