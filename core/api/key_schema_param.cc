#include "api/key_schema_param.h"

#include "api/error.h"
#include "api/limits.h"
#include "json/request_reader.h"

namespace shoal {

std::vector<KeyElement> readKeyElements(const JsonValue* keySchema, Violations& v, const std::string& field) {
  std::vector<KeyElement> out;
  if (!keySchema) {
    v.notNull(false, field);
    return out;
  }
  if (!keySchema->IsArray()) throw ApiError::serialization("Unexpected value type in KeySchema");
  for (const auto& e : keySchema->GetArray()) {
    if (!e.IsObject()) throw ApiError::serialization("Unexpected value type in KeySchema element");
    RequestReader r(e);
    out.push_back({r.string("AttributeName").value_or(""), r.string("KeyType").value_or("")});
  }
  if (out.empty()) v.add("[]", field, "Member must have length greater than or equal to 1");
  if (out.size() > 2) v.add("[...]", field, "Member must have length less than or equal to 2");
  for (size_t i = 0; i < out.size(); ++i) {
    std::string at = field + "." + std::to_string(i + 1) + ".member.";
    const KeyElement& k = out[i];
    if (k.keyType.empty())
      v.notNull(false, at + "keyType");
    else if (k.keyType != "HASH" && k.keyType != "RANGE")
      v.add("'" + k.keyType + "'", at + "keyType", "Member must satisfy enum value set: [HASH, RANGE]");
    if (k.name.empty())
      v.notNull(false, at + "attributeName");
    else if (k.name.size() > limits::kMaxKeyAttributeNameBytes)
      v.add("'" + k.name + "'", at + "attributeName", "Member must have length less than or equal to 255");
  }
  return out;
}

KeySchema toKeySchema(const std::vector<KeyElement>& elements, const std::vector<AttributeDefinition>& definitions) {
  if (elements[0].keyType != "HASH")
    throw ApiError::validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  if (elements.size() == 2) {
    if (elements[1].keyType != "RANGE")
      throw ApiError::validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
    if (elements[0].name == elements[1].name)
      throw ApiError::validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  auto typeOf = [&](const std::string& n) {
    for (const auto& d : definitions)
      if (d.name == n) return d.type;
    return Type::S;
  };
  KeySchema key;
  key.hash = {elements[0].name, typeOf(elements[0].name)};
  if (elements.size() == 2) key.range = KeyAttribute{elements[1].name, typeOf(elements[1].name)};
  return key;
}

}  // namespace shoal
