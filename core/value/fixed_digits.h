// Numbers as zero-padded digits, the way printf's "%0*llx" and "%0*lld" write them, for the ids
// and timestamps the engine makes (table ids, backup ARNs, shard ids, stream event ids, ISO
// times). Not printf itself: in the wasm engine these were printf's only callers, and its
// formatting core (floats included) was ~8 KB of code.
#pragma once

#include <cstdint>
#include <string>

namespace shoal {

// Appends `value` in lowercase hex, at least `width` digits (zero-padded on the left).
void appendHex(std::string& out, uint64_t value, int width);

// Appends `value` in decimal, at least `width` characters: a minus sign, then digits
// zero-padded to fill the rest (as "%0*lld" does).
void appendDecimal(std::string& out, int64_t value, int width);

}  // namespace shoal
