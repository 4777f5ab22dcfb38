#include "api/violations.h"

#include "api/error.h"

namespace shoal {

void Violations::add(const std::string& shown, const std::string& field, const std::string& constraint) {
  items_.push_back("Value " + shown + " at '" + field + "' failed to satisfy constraint: " + constraint);
}

void Violations::addUnshown(const std::string& field, const std::string& constraint) {
  items_.push_back("Value at '" + field + "' failed to satisfy constraint: " + constraint);
}

void Violations::notNull(bool present, const std::string& field) {
  if (!present) add("null", field, "Member must not be null");
}

void Violations::throwIfAny() const {
  if (items_.empty()) return;
  std::string msg = std::to_string(items_.size()) + (items_.size() == 1 ? " validation error" : " validation errors") +
                    " detected: ";
  for (size_t i = 0; i < items_.size(); ++i) msg += (i ? "; " : "") + items_[i];
  throw ApiError::validation(msg);
}

}  // namespace shoal
