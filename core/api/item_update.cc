#include "api/item_update.h"

#include "api/error.h"
#include "api/legacy_params.h"
#include "api/limits.h"
#include "value/item_size.h"

namespace shoal {

ItemUpdate ItemUpdate::read(const RequestReader& request, ExpressionParams& params, bool legacy) {
  ItemUpdate u;
  if (auto text = params.text("UpdateExpression")) {
    u.update = expr::UpdateExpression::compile(*text, params.context());
  } else if (const JsonValue* attributeUpdates = legacy ? request.object("AttributeUpdates") : nullptr) {
    u.update = legacyAttributeUpdates(*attributeUpdates);
  }
  u.condition = WriteCondition::read(request, params);
  return u;
}

void ItemUpdate::checkKeyUntouched(const KeySchema& key) const {
  for (const std::string& attr : update.targetAttributes())
    if (attr == key.hash.name || (key.range && attr == key.range->name))
      throw ApiError::validation("One or more parameter values were invalid: Cannot update attribute " + attr +
                                 ". This attribute is part of the key");
}

ItemUpdate::Result ItemUpdate::apply(const Item& keyArg, const StoredItem* existing, bool keepBefore) const {
  condition.check(existing);
  Result r;
  r.targets = update.targetAttributes();
  if (existing) {
    r.after = existing->toItem();
    r.oldBytes = existing->sizeBytes;
    if (keepBefore) r.before = r.after;
  } else {
    r.after = keyArg;
  }
  update.apply(r.after);
  r.newBytes = itemSizeBytes(r.after);
  if (r.newBytes > limits::kMaxItemBytes)
    throw ApiError::validation("Item size to update has exceeded the maximum allowed size");
  return r;
}

StoredItem ItemUpdate::Result::stored(const StoredItem* existing, Stamp stamp) const {
  StoredItem s;
  for (const auto& [name, value] : after) {
    Stamp at = stamp;
    if (existing && !targets.count(name)) {
      auto it = existing->attributes.find(name);
      if (it != existing->attributes.end()) at = it->second.stamp;
    }
    s.attributes.emplace(name, StoredAttribute{value, at});
  }
  s.sizeBytes = newBytes;
  return s;
}

}  // namespace shoal
