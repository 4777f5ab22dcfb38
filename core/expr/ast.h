// The parse tree of every expression kind: plain structs and std::variant, walked with
// std::visit. The parser builds it with placeholders as written ("#n", ":v"); resolution
// (resolver.h) substitutes them in place, after which the tree is immutable and evaluated
// as often as needed.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

#include "expr/document_path.h"
#include "value/attribute_value.h"

namespace shoal::expr {

// Every function name any expression kind knows. Names are case-sensitive; SET arithmetic is
// represented as the two-operand functions "+" and "-".
enum class Function : uint8_t {
  AttributeExists, AttributeNotExists, AttributeType, BeginsWith, Contains, Size,
  IfNotExists, ListAppend, Plus, Minus, Unknown,
};
Function functionByName(const std::string& name);

struct Operand;

struct FunctionCall {
  std::string name;  // as written
  Function function = Function::Unknown;
  std::vector<Operand> args;
};

struct ValueRef {
  std::string placeholder;  // ":v"
  AttributeValue value;     // filled by resolution
};

struct Operand {
  std::variant<DocumentPath, ValueRef, FunctionCall> node;
  uint32_t offset = 0;  // where it starts in the expression text
  bool parenthesized = false;

  const DocumentPath* path() const { return std::get_if<DocumentPath>(&node); }
  const ValueRef* value() const { return std::get_if<ValueRef>(&node); }
  const FunctionCall* call() const { return std::get_if<FunctionCall>(&node); }
};

enum class CompareOp : uint8_t { Eq, Ne, Lt, Le, Gt, Ge };
const char* compareOpSymbol(CompareOp op);  // "=", "<>", "<", ...

struct Comparison {
  CompareOp op;
  Operand left, right;
};

struct Between {
  Operand subject, lower, upper;
};

struct In {
  Operand subject;
  std::vector<Operand> candidates;
};

// A function used as a whole condition: attribute_exists(a), begins_with(a, :p), ...
struct FunctionCondition {
  Operand call;  // holds a FunctionCall
  const FunctionCall& function() const { return std::get<FunctionCall>(call.node); }
};

struct ConditionNode;

struct Logical {
  enum class Op : uint8_t { And, Or, Not };
  Op op;
  std::vector<ConditionNode> terms;  // And/Or: two or more; Not: exactly one
};

struct ConditionNode {
  using Variant = std::variant<Comparison, Between, In, FunctionCondition, Logical>;

  // Boxed: a node is then a few bytes, which keeps the parser's recursion frames (and so the
  // stack an adversarial expression can consume) small.
  std::unique_ptr<Variant> node;
  uint32_t offset = 0;
  bool parenthesized = false;

  ConditionNode() = default;
  template <typename T>
  explicit ConditionNode(T&& n, uint32_t at = 0)
      : node(std::make_unique<Variant>(std::in_place_type<std::decay_t<T>>, std::forward<T>(n))), offset(at) {}
};

enum class UpdateActionKind : uint8_t { Set, Remove, Add, Delete };
const char* updateActionName(UpdateActionKind kind);  // "SET", "REMOVE", "ADD", "DELETE"

struct UpdateAction {
  UpdateActionKind kind;
  DocumentPath path;
  std::optional<Operand> value;  // SET: the new value; ADD/DELETE: the :value; REMOVE: none
};

struct UpdateAst {
  std::vector<UpdateAction> actions;  // in the order written
  // The first clause keyword written twice; reported after reserved words and unknown
  // functions, as DynamoDB orders its checks.
  std::optional<UpdateActionKind> repeatedSection;
};

}  // namespace shoal::expr
