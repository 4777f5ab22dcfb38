// ProjectionExpression (and the legacy AttributesToGet): which attributes, or parts of
// nested ones, a read returns.
//
//   Projection p = Projection::compile("a.b[2], #c", ctx);
//   Item out = p.apply(item);   // {a: {b: [<item's a.b[2]>]}, c: ...}
//
// Elements picked from one list keep their index order and are packed together, as
// DynamoDB returns them. Paths absent from the item are left out.
#pragma once
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "expr/context.h"
#include "expr/document_path.h"

namespace shoal::expr {

class Projection {
 public:
  static Projection compile(std::string_view text, ExpressionContext& ctx);
  // AttributesToGet: top-level names taken literally (no path syntax, no reserved words).
  static Projection ofAttributes(const std::vector<std::string>& names);

  Item apply(const Item& item) const;
  const std::vector<DocumentPath>& paths() const { return *paths_; }
  std::set<std::string> topLevelAttributes() const;

 private:
  std::shared_ptr<const std::vector<DocumentPath>> paths_;
};

// The parts of `item` at `paths`, nested as in the item. Also builds UpdateItem's UPDATED_OLD
// and UPDATED_NEW from the update's paths.
Item projectPaths(const Item& item, const std::vector<DocumentPath>& paths);

}  // namespace shoal::expr
