// How PartiQL statements fail, in DynamoDB's words. A statement the grammar cannot read gets
// the "wasn't well formed" envelope (with a detail after the colon, or nothing after it where
// DynamoDB gives none); every other refusal is a plain ValidationException message. Some
// messages end with the place they refer to, " at <line>:<column>:<length>", as DynamoDB's do.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace shoal::partiql {

inline constexpr const char* kNotWellFormed = "Statement wasn't well formed, can't be processed: ";

// ValidationException "Statement wasn't well formed, can't be processed: <detail>".
[[noreturn]] void throwNotWellFormed(const std::string& detail = "");
// ValidationException with `message` as it stands.
[[noreturn]] void throwInvalid(const std::string& message);

// " at L:C:N" for the `length` bytes at `offset` of `text` (1-based line and column).
std::string positionSuffix(std::string_view text, uint32_t offset, uint32_t length);

}  // namespace shoal::partiql
