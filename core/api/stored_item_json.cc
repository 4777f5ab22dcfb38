#include "api/stored_item_json.h"

#include "json/wire_text.h"

namespace shoal {

void writeStoredItem(JsonWriter& w, const StoredItem& item) {
  JsonBuffer& out = beginRawObject(w);
  out.Put('{');
  bool first = true;
  for (const auto& [name, attribute] : item.attributes) {
    if (!first) out.Put(',');
    first = false;
    appendJsonString(out, name);
    out.Put(':');
    appendAttributeValueJson(out, attribute.value);
  }
  out.Put('}');
}

}  // namespace shoal
