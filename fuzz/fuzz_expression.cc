// The expression engine (core/expr/): ConditionExpression, FilterExpression, UpdateExpression,
// ProjectionExpression and KeyConditionExpression, with ExpressionAttributeNames and
// ExpressionAttributeValues made up from the input.
//
// Input: byte 0 picks the kind (and, for key conditions, the key schema); then the expression
// text up to a NUL; then a recipe: one byte per distinct placeholder of the text, in order of
// appearance, choosing its substitution from a palette (0: leave it undefined), then one more
// byte that adds an unused name and value when odd. Placeholders past the recipe's end get a
// palette entry picked by a hash of their text.
//
// Properties:
//   - compile() either succeeds or throws a ValidationException, nothing else;
//   - a compiled condition evaluates on every sample item without throwing;
//   - a compiled update applies to every sample item or throws a ValidationException, and the
//     item it leaves is one the wire format can carry (writes and parses back the same);
//   - a projection or key condition applies to every sample item without throwing.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "api/error.h"
#include "expr/condition.h"
#include "expr/key_condition.h"
#include "expr/projection.h"
#include "expr/update.h"
#include "fuzz_support.h"
#include "json/wire_value.h"

using namespace shoal;
using namespace shoal::expr;

using fuzz::namePalette;
using fuzz::num;
using fuzz::str;
using fuzz::valuePalette;

namespace {

// Items the compiled expressions run on: none, a rich one, and one nested to the limit.
const std::vector<Item>& sampleItems() {
  static const std::vector<Item> items = [] {
    Item rich{{"pk", str("p")}, {"sk", num("1")}, {"a", num("5")}, {"b", str("bee")},
              {"l", AttributeValue::list(List{num("1"), str("two"), AttributeValue::list(List{num("3")})})},
              {"m", AttributeValue::map(Map{{"n", num("3")}, {"x", AttributeValue::map(Map{{"y", str("z")}})}})},
              {"ss", AttributeValue::stringSet({"x", "y"})}, {"ns", AttributeValue::numberSet({Number::parse("7")})},
              {"bs", AttributeValue::binarySet({"b"})}, {"nul", AttributeValue::null()},
              {"t", AttributeValue::boolean(false)}, {"bin", AttributeValue::binary("xyz")}};
    AttributeValue deep = num("1");
    for (int i = 0; i < 31; ++i) deep = i % 2 ? AttributeValue::list(List{deep}) : AttributeValue::map(Map{{"d", deep}});
    Item nested{{"pk", str("q")}, {"sk", num("2")}, {"d", deep}};
    return std::vector<Item>{Item{}, rich, nested};
  }();
  return items;
}

// The distinct placeholders of `text`, in order, as the lexer reads them ('#'/':' + word chars).
std::vector<std::string> placeholders(std::string_view text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '#' && text[i] != ':') continue;
    size_t end = i + 1;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '_')) ++end;
    std::string p(text.substr(i, end - i));
    bool seen = false;
    for (const std::string& q : out) seen = seen || q == p;
    if (!seen) out.push_back(p);
    i = end - 1;
  }
  return out;
}

struct Substitutions {
  std::map<std::string, std::string> names;
  std::map<std::string, AttributeValue> values;
};

Substitutions makeSubstitutions(std::string_view text, std::string_view recipe) {
  Substitutions s;
  size_t r = 0;
  for (const std::string& p : placeholders(text)) {
    size_t pick = r < recipe.size() ? static_cast<uint8_t>(recipe[r++]) : std::hash<std::string>()(p) % 255 + 1;
    if (pick == 0) continue;  // undefined
    if (p[0] == '#') s.names[p] = namePalette()[(pick - 1) % namePalette().size()];
    else s.values[p] = valuePalette()[(pick - 1) % valuePalette().size()];
  }
  if (r < recipe.size() && recipe[r] % 2) {
    s.names["#unused"] = "u";
    s.values[":unused"] = num("0");
  }
  return s;
}

// Runs `f`; a ValidationException is a fine answer, anything else a broken property.
template <typename F>
bool compiles(F&& f, std::string_view input) {
  try {
    f();
    return true;
  } catch (const ApiError& e) {
    fuzz::check(e.type() == "ValidationException", "unexpected " + e.type() + ": " + e.what(), input);
  } catch (const std::exception& e) {
    fuzz::fail(std::string("exception escaped: ") + e.what(), input);
  }
  return false;
}

template <typename F>
void mustNotThrow(F&& f, const char* what, std::string_view input) {
  try {
    f();
  } catch (const std::exception& e) {
    fuzz::fail(std::string(what) + " threw: " + e.what(), input);
  }
}

void checkCarriable(const Item& item, std::string_view input) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  writeAttributeMap(w, item);
  JsonDocument doc;
  fuzz::check(fuzz::isValidJson({buf.GetString(), buf.GetSize()}, doc), "updated item writes invalid JSON", input);
  Item back;
  compiles([&] { back = parseAttributeMap(doc); }, input);
  fuzz::check(back == item, "updated item does not parse back to itself", buf.GetString());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  std::string_view input(reinterpret_cast<const char*>(data), size);
  uint8_t selector = static_cast<uint8_t>(input[0]);
  std::vector<std::string_view> parts = fuzz::splitOnNul(input.substr(1), 2);
  std::string_view text = parts[0];
  Substitutions subs = makeSubstitutions(text, parts.size() > 1 ? parts[1] : std::string_view());
  ExpressionContext ctx{subs.names.empty() ? nullptr : &subs.names, subs.values.empty() ? nullptr : &subs.values, {},
                        {}};
  compiles([&] { validateSubstitutions(ctx.names, ctx.values); }, input);

  switch (selector % 6) {
    case 0:
    case 1: {
      Condition c;
      if (!compiles([&] { c = Condition::compile(text, selector % 6 ? ExprKind::Filter : ExprKind::Condition, ctx); },
                    input))
        return 0;
      compiles([&] { ctx.checkAllUsed(); }, input);
      for (const Item& item : sampleItems()) mustNotThrow([&] { c.evaluate(item); }, "evaluate", input);
      mustNotThrow([&] { c.topLevelAttributes(); }, "topLevelAttributes", input);
      break;
    }
    case 2: {
      UpdateExpression u;
      if (!compiles([&] { u = UpdateExpression::compile(text, ctx); }, input)) return 0;
      compiles([&] { ctx.checkAllUsed(); }, input);
      for (const Item& item : sampleItems()) {
        Item next = item;
        if (!compiles([&] { u.apply(next); }, input)) {
          fuzz::check(next == item, "a refused update changed the item", input);
          continue;
        }
        checkCarriable(next, input);
        mustNotThrow([&] { u.updatedAttributes(item), u.updatedAttributes(next); }, "updatedAttributes", input);
      }
      break;
    }
    case 3: {
      Projection p;
      if (!compiles([&] { p = Projection::compile(text, ctx); }, input)) return 0;
      for (const Item& item : sampleItems()) mustNotThrow([&] { p.apply(item); }, "projection", input);
      break;
    }
    default: {
      KeySchema schema = selector % 6 == 4 ? KeySchema{{"pk", Type::S}, KeyAttribute{"sk", Type::N}}
                                           : KeySchema{{"pk", Type::B}, std::nullopt};
      KeyCondition k;
      if (!compiles([&] { k = compileKeyCondition(text, ctx, schema); }, input)) return 0;
      for (const Item& item : sampleItems()) mustNotThrow([&] { k.matches(item); }, "key condition", input);
      break;
    }
  }
  return 0;
}
