// Walks over the parse tree in text order, for the checks and the resolver. The templates
// take const or mutable nodes alike.
#pragma once
#include <type_traits>
#include <variant>

#include "expr/ast.h"

namespace shoal::expr {

// Where an operand stands: a function used as a whole condition, an operand of a comparator
// (=, BETWEEN, IN, ...), or an argument of a function.
enum class Slot : uint8_t { Condition, Operand, Argument };

template <typename OperandT, typename F>
void walkOperand(OperandT& op, Slot slot, F& visit) {
  visit(op, slot);
  if (auto* call = std::get_if<FunctionCall>(&op.node))
    for (auto& arg : call->args) walkOperand(arg, Slot::Argument, visit);
}

// Calls visit(operand, slot) for every operand, function arguments after their function.
template <typename NodeT, typename F>
void walkOperands(NodeT& node, F& visit) {
  std::visit(
      [&](auto& n) {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, Comparison>) {
          walkOperand(n.left, Slot::Operand, visit);
          walkOperand(n.right, Slot::Operand, visit);
        } else if constexpr (std::is_same_v<N, Between>) {
          walkOperand(n.subject, Slot::Operand, visit);
          walkOperand(n.lower, Slot::Operand, visit);
          walkOperand(n.upper, Slot::Operand, visit);
        } else if constexpr (std::is_same_v<N, In>) {
          walkOperand(n.subject, Slot::Operand, visit);
          for (auto& c : n.candidates) walkOperand(c, Slot::Operand, visit);
        } else if constexpr (std::is_same_v<N, FunctionCondition>) {
          walkOperand(n.call, Slot::Condition, visit);
        } else {
          for (auto& term : n.terms) walkOperands(term, visit);
        }
      },
      *node.node);
}

// Calls visit(n) for every primitive condition (Comparison, Between, In, FunctionCondition).
template <typename NodeT, typename F>
void walkPrimitives(NodeT& node, F& visit) {
  std::visit(
      [&](auto& n) {
        using N = std::decay_t<decltype(n)>;
        if constexpr (std::is_same_v<N, Logical>) {
          for (auto& term : n.terms) walkPrimitives(term, visit);
        } else {
          visit(n);
        }
      },
      *node.node);
}

// Every operand of an update expression in text order: each action's value, and within it
// function arguments after their function.
template <typename AstT, typename F>
void walkUpdateOperands(AstT& ast, F& visit) {
  for (auto& action : ast.actions)
    if (action.value) walkOperand(*action.value, Slot::Operand, visit);
}

}  // namespace shoal::expr
