#include "expr/value_ops.h"

#include <algorithm>

#include "json/base64.h"

namespace shoal::expr {

bool isOrderable(Type t) { return t == Type::S || t == Type::N || t == Type::B; }

std::optional<int> compareValues(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case Type::N: return a.asNumber().compare(b.asNumber());
    case Type::S: {
      int c = a.asString().compare(b.asString());  // char_traits<char>: unsigned bytes
      return (c > 0) - (c < 0);
    }
    case Type::B: {
      int c = a.asBinary().compare(b.asBinary());
      return (c > 0) - (c < 0);
    }
    default: return std::nullopt;
  }
}

bool beginsWith(const AttributeValue& value, const AttributeValue& prefix) {
  if (value.type() != prefix.type()) return false;
  const std::string* v = nullptr;
  const std::string* p = nullptr;
  if (value.is(Type::S)) v = &value.asString(), p = &prefix.asString();
  else if (value.is(Type::B)) v = &value.asBinary(), p = &prefix.asBinary();
  else return false;
  return v->size() >= p->size() && v->compare(0, p->size(), *p) == 0;
}

bool contains(const AttributeValue& container, const AttributeValue& needle) {
  switch (container.type()) {
    case Type::S:
      return needle.is(Type::S) && container.asString().find(needle.asString()) != std::string::npos;
    case Type::B:
      return needle.is(Type::B) && container.asBinary().find(needle.asBinary()) != std::string::npos;
    case Type::SS: {
      if (!needle.is(Type::S)) return false;
      const auto& items = container.asStringSet();
      return std::binary_search(items.begin(), items.end(), needle.asString());
    }
    case Type::BS: {
      if (!needle.is(Type::B)) return false;
      const auto& items = container.asBinarySet();
      return std::binary_search(items.begin(), items.end(), needle.asBinary());
    }
    case Type::NS: {
      if (!needle.is(Type::N)) return false;
      const auto& items = container.asNumberSet();
      return std::find(items.begin(), items.end(), needle.asNumber()) != items.end();
    }
    case Type::L: {
      const auto& items = container.asList();
      return std::find(items.begin(), items.end(), needle) != items.end();
    }
    default: return false;
  }
}

size_t utf16Length(std::string_view utf8) {
  size_t units = 0;
  for (unsigned char c : utf8) {
    if ((c & 0xC0) == 0x80) continue;  // continuation byte
    units += c >= 0xF0 ? 2 : 1;        // 4-byte sequences are surrogate pairs in UTF-16
  }
  return units;
}

std::optional<size_t> sizeOf(const AttributeValue& v) {
  switch (v.type()) {
    case Type::S: return utf16Length(v.asString());
    case Type::B: return v.asBinary().size();
    case Type::SS: return v.asStringSet().size();
    case Type::NS: return v.asNumberSet().size();
    case Type::BS: return v.asBinarySet().size();
    case Type::L: return v.asList().size();
    case Type::M: return v.asMap().size();
    default: return std::nullopt;
  }
}

std::string describeValue(const AttributeValue& v) {
  std::string body;
  switch (v.type()) {
    case Type::S: body = v.asString(); break;
    case Type::N: body = v.asNumber().toString(); break;
    case Type::B: body = base64Encode(v.asBinary()); break;
    case Type::BOOL: body = v.asBool() ? "true" : "false"; break;
    case Type::NUL: body = "true"; break;
    default: body = "..."; break;
  }
  return std::string("{") + typeName(v.type()) + ":" + body + "}";
}

const char* operandTypeWord(Type t) {
  switch (t) {
    case Type::S: return "STRING";
    case Type::N: return "NUMBER";
    case Type::B: return "BINARY";
    case Type::BOOL: return "BOOLEAN";
    case Type::NUL: return "NULL";
    case Type::L: return "LIST";
    case Type::M: return "MAP";
    case Type::SS: return "STRING_SET";
    case Type::NS: return "NUMBER_SET";
    case Type::BS: return "BINARY_SET";
  }
  return "?";
}

}  // namespace shoal::expr
