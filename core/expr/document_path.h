// A document path (a.b[3].c) after its #name placeholders have been substituted: the first
// element names a top-level attribute, each further one a map key or a list index. Shared by
// every expression kind and by the legacy parameters, whose attribute names are one-element
// paths.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "value/attribute_value.h"

namespace shoal::expr {

struct PathElement {
  enum class Kind : uint8_t { Name, Index };
  Kind kind = Kind::Name;
  std::string name;          // Name: the key; "#x" as parsed, the real name once resolved
  uint32_t index = 0;        // Index
  bool placeholder = false;  // written as "#x", so exempt from the reserved-word check

  static PathElement named(std::string n) { return PathElement{Kind::Name, std::move(n), 0, false}; }
  static PathElement at(uint32_t i) { return PathElement{Kind::Index, std::string(), i, false}; }
  bool isIndex() const { return kind == Kind::Index; }
  bool operator==(const PathElement& o) const { return kind == o.kind && name == o.name && index == o.index; }
  bool operator!=(const PathElement& o) const { return !(*this == o); }
};

struct DocumentPath {
  std::vector<PathElement> elements;  // never empty; elements[0] is a Name

  static DocumentPath attribute(std::string name) { return DocumentPath{{PathElement::named(std::move(name))}}; }
  const std::string& topLevel() const { return elements.front().name; }
  bool nested() const { return elements.size() > 1; }
  // DynamoDB's rendering in messages: "[a, b, [3], c]".
  std::string toString() const;
  bool operator==(const DocumentPath& o) const { return elements == o.elements; }
  // Element-wise order, indexes numerically and before names (names by bytes). Used to apply
  // update actions and to build projections in a deterministic order.
  bool operator<(const DocumentPath& o) const;
};

// The value at `path` in `item`, or nullptr when any step is missing or of the wrong type (a
// key step into a non-map, an index step into a non-list or past its end).
const AttributeValue* findPath(const Item& item, const DocumentPath& path);

}  // namespace shoal::expr
