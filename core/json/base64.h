// Standard base64 (RFC 4648, with padding), as DynamoDB uses for B and BS in wire JSON.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace shoal {

std::string base64Encode(std::string_view bytes);
// Strict: the length must be a multiple of 4 and padding only at the end; returns nullopt
// on anything else.
std::optional<std::string> base64Decode(std::string_view text);

}  // namespace shoal
