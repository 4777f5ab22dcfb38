#include "partiql/errors.h"

#include "api/error.h"

namespace shoal::partiql {

void throwNotWellFormed(const std::string& detail) { throw ApiError::validation(kNotWellFormed + detail); }

void throwInvalid(const std::string& message) { throw ApiError::validation(message); }

std::string positionSuffix(std::string_view text, uint32_t offset, uint32_t length) {
  uint32_t line = 1, column = 1;
  for (uint32_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return " at " + std::to_string(line) + ":" + std::to_string(column) + ":" + std::to_string(length);
}

}  // namespace shoal::partiql
