#include "expr/projection.h"

#include <map>
#include <optional>

#include "expr/parser.h"
#include "expr/resolver.h"
#include "expr/static_checks.h"
#include "expr/type_checks.h"

namespace shoal::expr {
namespace {

// The result under construction. List elements are kept by their index in the source and
// packed in index order at the end.
struct Node {
  std::optional<AttributeValue> leaf;
  std::map<std::string, Node> keys;
  std::map<uint32_t, Node> indexes;

  AttributeValue build() && {
    if (leaf) return std::move(*leaf);
    if (!indexes.empty()) {
      List list;
      list.reserve(indexes.size());
      for (auto& [i, child] : indexes) list.push_back(std::move(child).build());
      return AttributeValue::list(std::move(list));
    }
    Map map;
    for (auto& [k, child] : keys) map.emplace(k, std::move(child).build());
    return AttributeValue::map(std::move(map));
  }
};

}  // namespace

Projection Projection::compile(std::string_view text, ExpressionContext& ctx) {
  std::vector<DocumentPath> paths = parseProjection(text);
  checkProjectionStatic(paths);
  resolvePaths(paths, ExprKind::Projection, ctx);
  checkDisjointPaths(paths, ExprKind::Projection);
  Projection p;
  p.paths_ = std::make_shared<const std::vector<DocumentPath>>(std::move(paths));
  return p;
}

Projection Projection::ofAttributes(const std::vector<std::string>& names) {
  std::vector<DocumentPath> paths;
  paths.reserve(names.size());
  for (const std::string& n : names) paths.push_back(DocumentPath::attribute(n));
  Projection p;
  p.paths_ = std::make_shared<const std::vector<DocumentPath>>(std::move(paths));
  return p;
}

Item Projection::apply(const Item& item) const { return projectPaths(item, *paths_); }

std::set<std::string> Projection::topLevelAttributes() const {
  std::set<std::string> names;
  for (const DocumentPath& p : *paths_) names.insert(p.topLevel());
  return names;
}

Item projectPaths(const Item& item, const std::vector<DocumentPath>& paths) {
  Node root;
  for (const DocumentPath& path : paths) {
    const AttributeValue* value = findPath(item, path);
    if (!value) continue;
    Node* node = &root.keys[path.topLevel()];
    for (size_t i = 1; i < path.elements.size() && !node->leaf; ++i) {
      const PathElement& e = path.elements[i];
      node = e.isIndex() ? &node->indexes[e.index] : &node->keys[e.name];
    }
    if (!node->leaf) {
      node->leaf = *value;
      node->keys.clear();
      node->indexes.clear();
    }
  }
  Item out;
  for (auto& [name, child] : root.keys) out.emplace(name, std::move(child).build());
  return out;
}

}  // namespace shoal::expr
