// Typed access to the members of a request object. A member of the wrong JSON type is a
// SerializationException, as DynamoDB's deserializer reports it; an absent member or an
// explicit JSON null reads as absent.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "json/json.h"

namespace shoal {

class RequestReader {
 public:
  explicit RequestReader(const JsonValue& object) : obj_(object) {}

  const JsonValue* member(const char* name) const;
  std::optional<std::string> string(const char* name) const;
  std::optional<int64_t> integer(const char* name) const;
  std::optional<bool> boolean(const char* name) const;
  const JsonValue* object(const char* name) const;  // must be a JSON object if present
  const JsonValue* array(const char* name) const;   // must be a JSON array if present

  const JsonValue& raw() const { return obj_; }

 private:
  const JsonValue& obj_;
};

}  // namespace shoal
