#include "expr/document_path.h"

namespace shoal::expr {

std::string DocumentPath::toString() const {
  std::string out = "[";
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i) out += ", ";
    const PathElement& e = elements[i];
    if (e.isIndex()) out += "[" + std::to_string(e.index) + "]";
    else out += e.name;
  }
  return out + "]";
}

bool DocumentPath::operator<(const DocumentPath& o) const {
  size_t n = std::min(elements.size(), o.elements.size());
  for (size_t i = 0; i < n; ++i) {
    const PathElement& a = elements[i];
    const PathElement& b = o.elements[i];
    if (a.kind != b.kind) return a.isIndex();
    if (a.isIndex()) {
      if (a.index != b.index) return a.index < b.index;
    } else if (a.name != b.name) {
      return a.name < b.name;
    }
  }
  return elements.size() < o.elements.size();
}

const AttributeValue* findPath(const Item& item, const DocumentPath& path) {
  auto top = item.find(path.topLevel());
  if (top == item.end()) return nullptr;
  const AttributeValue* cur = &top->second;
  for (size_t i = 1; i < path.elements.size(); ++i) {
    const PathElement& e = path.elements[i];
    if (e.isIndex()) {
      if (!cur->is(Type::L) || e.index >= cur->asList().size()) return nullptr;
      cur = &cur->asList()[e.index];
    } else {
      if (!cur->is(Type::M)) return nullptr;
      auto it = cur->asMap().find(e.name);
      if (it == cur->asMap().end()) return nullptr;
      cur = &it->second;
    }
  }
  return cur;
}

}  // namespace shoal::expr
