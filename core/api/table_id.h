// TableId: a UUID-shaped id, unique per (site, time, counter); not secret, only distinct.
// CreateTable and the restores give every new table one.
#pragma once
#include <cstdint>
#include <string>

namespace shoal {

std::string makeTableId(uint64_t site, int64_t nowMillis);

}  // namespace shoal
