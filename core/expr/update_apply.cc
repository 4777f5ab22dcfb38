// Applying update actions: evaluate every right-hand side against the item as it was, then
// change a copy, then swap it in, so a failure anywhere leaves the item untouched.
#include <algorithm>
#include <numeric>

#include "api/error.h"
#include "expr/update.h"

namespace shoal::expr {
namespace {

const char* kInvalidPath = "The document path provided in the update expression is invalid for update";
const char* kMissingAttribute = "The provided expression refers to an attribute that does not exist in the item";
const char* kWrongType = "An operand in the update expression has an incorrect data type";
const char* kLegacyWrongType = "Type mismatch for attribute to update";

[[noreturn]] void fail(const char* message) { throw ApiError::validation(message); }

// The value a SET action assigns, computed from the item before the update.
AttributeValue evaluate(const Operand& op, const Item& before) {
  if (const DocumentPath* p = op.path()) {
    const AttributeValue* v = findPath(before, *p);
    if (!v) fail(kMissingAttribute);
    return *v;
  }
  if (const ValueRef* v = op.value()) return v->value;
  const FunctionCall& call = *op.call();
  switch (call.function) {
    case Function::IfNotExists: {
      const AttributeValue* v = findPath(before, *call.args[0].path());
      return v ? *v : evaluate(call.args[1], before);
    }
    case Function::ListAppend: {
      AttributeValue a = evaluate(call.args[0], before);
      if (!a.is(Type::L)) fail(kWrongType);
      AttributeValue b = evaluate(call.args[1], before);
      if (!b.is(Type::L)) fail(kWrongType);
      List joined = std::move(a.asList());
      for (AttributeValue& e : b.asList()) joined.push_back(std::move(e));
      return AttributeValue::list(std::move(joined));
    }
    case Function::Plus:
    case Function::Minus: {
      AttributeValue a = evaluate(call.args[0], before);
      if (!a.is(Type::N)) fail(kWrongType);
      AttributeValue b = evaluate(call.args[1], before);
      if (!b.is(Type::N)) fail(kWrongType);
      return AttributeValue::number(call.function == Function::Plus ? a.asNumber().add(b.asNumber())
                                                                     : a.asNumber().subtract(b.asNumber()));
    }
    default: fail(kWrongType);  // unreachable: the checks admit no other function here
  }
}

// Where an action's path ends: the container holding its last element. For a top-level
// attribute the container is the item itself.
struct Target {
  Map* map = nullptr;    // the last element is a key of this map
  List* list = nullptr;  // or an index of this list
  const PathElement* last = nullptr;

  AttributeValue* existing() const {
    if (map) {
      auto it = map->find(last->name);
      return it == map->end() ? nullptr : &it->second;
    }
    return last->index < list->size() ? &(*list)[last->index] : nullptr;
  }
  // Stores `v` at the slot; an index past the list's end appends.
  void put(AttributeValue v) const {
    if (map) (*map)[last->name] = std::move(v);
    else if (last->index < list->size()) (*list)[last->index] = std::move(v);
    else list->push_back(std::move(v));
  }
  void erase() const {
    if (map) map->erase(last->name);
    else if (last->index < list->size()) list->erase(list->begin() + last->index);
  }
};

// Every step before the last must exist and be a map (for a key) or a list (for an index);
// otherwise the path is invalid for update.
Target locate(Item& item, const DocumentPath& path) {
  Map* map = &item;
  List* list = nullptr;
  for (size_t i = 0; i + 1 < path.elements.size(); ++i) {
    const PathElement& e = path.elements[i];
    AttributeValue* next = nullptr;
    if (map) {
      auto it = map->find(e.name);
      if (it != map->end()) next = &it->second;
    } else if (e.index < list->size()) {
      next = &(*list)[e.index];
    }
    if (!next) fail(kInvalidPath);
    const PathElement& following = path.elements[i + 1];
    map = nullptr;
    list = nullptr;
    if (following.isIndex()) {
      if (!next->is(Type::L)) fail(kInvalidPath);
      list = &next->asList();
    } else {
      if (!next->is(Type::M)) fail(kInvalidPath);
      map = &next->asMap();
    }
  }
  return Target{map, list, &path.elements.back()};
}

bool isSet(Type t) { return t == Type::SS || t == Type::NS || t == Type::BS; }

AttributeValue setUnion(const AttributeValue& a, const AttributeValue& b) {
  switch (a.type()) {
    case Type::SS: {
      std::vector<std::string> items = a.asStringSet();
      items.insert(items.end(), b.asStringSet().begin(), b.asStringSet().end());
      return AttributeValue::stringSet(std::move(items));
    }
    case Type::NS: {
      std::vector<Number> items = a.asNumberSet();
      items.insert(items.end(), b.asNumberSet().begin(), b.asNumberSet().end());
      return AttributeValue::numberSet(std::move(items));
    }
    default: {
      std::vector<std::string> items = a.asBinarySet();
      items.insert(items.end(), b.asBinarySet().begin(), b.asBinarySet().end());
      return AttributeValue::binarySet(std::move(items));
    }
  }
}

// a minus b; nullopt when nothing is left (DynamoDB has no empty sets).
std::optional<AttributeValue> setDifference(const AttributeValue& a, const AttributeValue& b) {
  auto keep = [](const auto& from, const auto& drop) {
    std::remove_cv_t<std::remove_reference_t<decltype(from)>> out;
    for (const auto& x : from)
      if (std::find(drop.begin(), drop.end(), x) == drop.end()) out.push_back(x);
    return out;
  };
  switch (a.type()) {
    case Type::SS: {
      auto items = keep(a.asStringSet(), b.asStringSet());
      if (items.empty()) return std::nullopt;
      return AttributeValue::stringSet(std::move(items));
    }
    case Type::NS: {
      auto items = keep(a.asNumberSet(), b.asNumberSet());
      if (items.empty()) return std::nullopt;
      return AttributeValue::numberSet(std::move(items));
    }
    default: {
      auto items = keep(a.asBinarySet(), b.asBinarySet());
      if (items.empty()) return std::nullopt;
      return AttributeValue::binarySet(std::move(items));
    }
  }
}

}  // namespace

void applyUpdate(const UpdateAst& ast, bool legacy, Item& item) {
  const char* wrongType = legacy ? kLegacyWrongType : kWrongType;
  const auto& actions = ast.actions;

  std::vector<std::optional<AttributeValue>> setValues(actions.size());
  for (size_t i = 0; i < actions.size(); ++i)
    if (actions[i].kind == UpdateActionKind::Set) setValues[i] = evaluate(*actions[i].value, item);

  // Paths never overlap, so actions commute except where list indexes move: apply in path
  // order (appends then land in index order), and remove list elements last, highest index
  // first, so every index still means the element it meant before the update.
  std::vector<size_t> order(actions.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return actions[a].path < actions[b].path; });

  Item work = item;
  std::vector<const DocumentPath*> removals;
  for (size_t i : order) {
    const UpdateAction& action = actions[i];
    Target slot = locate(work, action.path);
    AttributeValue* existing = slot.existing();
    switch (action.kind) {
      case UpdateActionKind::Set:
        slot.put(std::move(*setValues[i]));
        break;
      case UpdateActionKind::Remove:
        if (existing) removals.push_back(&action.path);
        break;
      case UpdateActionKind::Add: {
        const AttributeValue& v = action.value->value()->value;
        if (!existing) {
          slot.put(v);
        } else if (existing->type() != v.type()) {
          fail(wrongType);
        } else if (v.is(Type::N)) {
          *existing = AttributeValue::number(existing->asNumber().add(v.asNumber()));
        } else if (v.is(Type::L)) {  // legacy ADD appends to a list
          for (const AttributeValue& e : v.asList()) existing->asList().push_back(e);
        } else {
          *existing = setUnion(*existing, v);
        }
        break;
      }
      case UpdateActionKind::Delete: {
        const AttributeValue& v = action.value->value()->value;
        if (!existing) break;
        if (existing->type() != v.type() || !isSet(v.type())) fail(wrongType);
        std::optional<AttributeValue> rest = setDifference(*existing, v);
        if (rest) *existing = std::move(*rest);
        else removals.push_back(&action.path);
        break;
      }
    }
  }
  std::sort(removals.begin(), removals.end(), [](const DocumentPath* a, const DocumentPath* b) { return *b < *a; });
  for (const DocumentPath* path : removals) locate(work, *path).erase();
  item = std::move(work);
}

}  // namespace shoal::expr
