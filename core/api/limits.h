// Every DynamoDB limit that ShoalDB enforces, in one place. Values are DynamoDB's documented
// service quotas; change them here and nowhere else.
#pragma once
#include <cstddef>
#include <cstdint>

namespace shoal::limits {

// Items and attributes
inline constexpr size_t kMaxItemBytes = 400 * 1024;          // item size, names + values
inline constexpr size_t kMaxPartitionKeyBytes = 2048;       // encoded partition key value
inline constexpr size_t kMaxSortKeyBytes = 1024;            // encoded sort key value
inline constexpr size_t kMaxAttributeNameBytes = 64 * 1024;  // non-key attribute name
inline constexpr size_t kMaxKeyAttributeNameBytes = 255;    // key and index key names
inline constexpr int kMaxNestingDepth = 32;                 // nested maps/lists

// Numbers
inline constexpr int kNumberMaxDigits = 38;       // significant digits
inline constexpr int kNumberMinExponent = -130;   // smallest magnitude 1E-130
inline constexpr int kNumberMaxExponent = 125;    // largest magnitude 9.99..9E+125

// Tables
inline constexpr size_t kTableNameMin = 3;
inline constexpr size_t kTableNameMax = 255;
inline constexpr int kListTablesMaxLimit = 100;

// Reads
inline constexpr size_t kMaxPageBytes = 1024 * 1024;  // Query/Scan page, before filtering

}  // namespace shoal::limits
