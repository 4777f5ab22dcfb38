// What the fuzz targets share: how a target reports a broken property (abort with the reason,
// so libFuzzer saves the input), a byte digest of a whole catalog (to prove that a refused
// request or a refused file changed nothing), the check that every secondary index holds
// exactly what its table implies, and the small schema the request and storage targets start
// from.
#pragma once
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "api/catalog.h"
#include "api/engine.h"
#include "json/json.h"
#include "value/attribute_value.h"

namespace shoal::fuzz {

// Prints what broke and aborts: libFuzzer treats the abort as a crash and keeps the input.
[[noreturn]] inline void fail(const std::string& what, std::string_view detail = {}) {
  std::fprintf(stderr, "\nPROPERTY BROKEN: %s\n%.*s\n", what.c_str(), static_cast<int>(detail.size()), detail.data());
  std::abort();
}

inline void check(bool ok, const std::string& what, std::string_view detail = {}) {
  if (!ok) fail(what, detail);
}

// The pieces of `data` between NUL bytes (at most `max`; the last piece takes the rest).
// Wire JSON cannot contain a raw NUL, so NUL is a separator no request body needs.
std::vector<std::string_view> splitOnNul(std::string_view data, size_t max);

// Every schema, row (key and stored item with stamps) and index entry of `catalog`, encoded
// with the storage codecs: equal digests mean equal databases.
std::string catalogDigest(const Catalog& catalog);

// Aborts unless each secondary index of each table holds exactly the entries a fresh index
// filled from the table's rows would hold.
void checkIndexes(const Catalog& catalog);

// A body is well-formed JSON and valid UTF-8 (what every response must be).
bool isValidJson(std::string_view text, JsonDocument& doc);

// Substitutions the expression and PartiQL targets pick from: attribute names (reserved
// words, dots, spaces, non-ASCII, long) and values of every type, edge numbers included.
inline AttributeValue num(const char* text) { return AttributeValue::number(Number::parse(text)); }
inline AttributeValue str(std::string text) { return AttributeValue::string(std::move(text)); }
const std::vector<std::string>& namePalette();
const std::vector<AttributeValue>& valuePalette();

// The fuzz schema: tables with a range key, a local and two global secondary indexes (one
// sparse, keys only), a hash-only table with a stream and time to live, and a binary-keyed
// table, each with a few items; see fuzz_support.cc for the exact requests.
inline constexpr int64_t kNow = 1'700'000'000'000;
void createSchema(Engine& engine);

}  // namespace shoal::fuzz
