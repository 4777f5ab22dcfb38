// DynamoDB's item-size rules, used for the 400 KB item limit, TableSizeBytes, the 1 MB page
// limit and capacity units. Strings and binaries count their byte length; numbers about one
// byte per two significant digits plus one; BOOL and NULL one byte; a map or list 3 bytes plus
// one byte per element plus its elements; each attribute name its UTF-8 length.
#pragma once
#include <cstddef>

#include "value/attribute_value.h"

namespace shoal {

size_t itemSizeBytes(const Item& item);

// The size of one value without its attribute name (what AttributeValue::sizeBytes returns).
size_t valueSizeBytes(const AttributeValue& v);

}  // namespace shoal
