// AttributeValue: DynamoDB's ten data types. A value owns its children; maps are ordered by
// name and sets are kept sorted without duplicates (strings and binaries by unsigned bytes,
// numbers by value), so equal values compare equal member-wise and serialize identically.
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "value/number.h"

namespace shoal {

enum class Type : uint8_t { S, N, B, BOOL, NUL, M, L, SS, NS, BS };

// "S", "N", ... "NULL" as in DynamoDB JSON and in attribute_type().
const char* typeName(Type t);

class AttributeValue;
using Map = std::map<std::string, AttributeValue>;
using List = std::vector<AttributeValue>;

struct Null {
  bool operator==(const Null&) const { return true; }
};
// Raw bytes (already base64-decoded).
struct Binary {
  std::string bytes;
  bool operator==(const Binary& o) const { return bytes == o.bytes; }
};
struct StringSet {
  std::vector<std::string> items;  // sorted by bytes, unique, non-empty set
  bool operator==(const StringSet& o) const { return items == o.items; }
};
struct NumberSet {
  std::vector<Number> items;  // sorted by value, unique
  bool operator==(const NumberSet& o) const { return items == o.items; }
};
struct BinarySet {
  std::vector<std::string> items;  // raw bytes, sorted unsigned, unique
  bool operator==(const BinarySet& o) const { return items == o.items; }
};

class AttributeValue {
 public:
  // Alternative order must match enum Type.
  using Variant = std::variant<std::string, Number, Binary, bool, Null, Map, List, StringSet, NumberSet, BinarySet>;

  AttributeValue() : v_(Null{}) {}
  AttributeValue(Variant v) : v_(std::move(v)) {}

  static AttributeValue string(std::string s) { return AttributeValue(Variant(std::in_place_index<0>, std::move(s))); }
  static AttributeValue number(Number n) { return AttributeValue(Variant(std::move(n))); }
  static AttributeValue binary(std::string bytes) { return AttributeValue(Variant(Binary{std::move(bytes)})); }
  static AttributeValue boolean(bool b) { return AttributeValue(Variant(b)); }
  static AttributeValue null() { return AttributeValue(Variant(Null{})); }
  static AttributeValue map(Map m) { return AttributeValue(Variant(std::move(m))); }
  static AttributeValue list(List l) { return AttributeValue(Variant(std::move(l))); }
  // Set factories sort and de-duplicate; callers that must reject duplicates check first.
  static AttributeValue stringSet(std::vector<std::string> items);
  static AttributeValue numberSet(std::vector<Number> items);
  static AttributeValue binarySet(std::vector<std::string> items);

  Type type() const { return static_cast<Type>(v_.index()); }
  bool is(Type t) const { return type() == t; }

  const std::string& asString() const { return std::get<0>(v_); }
  const Number& asNumber() const { return std::get<Number>(v_); }
  const std::string& asBinary() const { return std::get<Binary>(v_).bytes; }
  bool asBool() const { return std::get<bool>(v_); }
  const Map& asMap() const { return std::get<Map>(v_); }
  Map& asMap() { return std::get<Map>(v_); }
  const List& asList() const { return std::get<List>(v_); }
  List& asList() { return std::get<List>(v_); }
  const std::vector<std::string>& asStringSet() const { return std::get<StringSet>(v_).items; }
  const std::vector<Number>& asNumberSet() const { return std::get<NumberSet>(v_).items; }
  const std::vector<std::string>& asBinarySet() const { return std::get<BinarySet>(v_).items; }

  const Variant& variant() const { return v_; }

  bool operator==(const AttributeValue& o) const { return v_ == o.v_; }
  bool operator!=(const AttributeValue& o) const { return !(v_ == o.v_); }

  // Bytes this value counts for under DynamoDB's item-size rules (see value/item_size.h).
  size_t sizeBytes() const;

 private:
  Variant v_;
};

// An item as the API sees it: top-level attribute name -> value.
using Item = Map;

}  // namespace shoal
