// Seeded generator of DynamoDB wire JSON: PutItem requests and Query responses.
// Header-only and dependency-free so the native and wasm builds of the benchmark share it.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

namespace wl {

// splitmix64: tiny, and the same sequence on every platform and compiler (unlike the std
// distributions), so every build measures byte-identical documents.
class Rng {
 public:
  explicit Rng(uint64_t seed) : s_(seed) {}
  uint64_t next() {
    uint64_t z = (s_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  // Uniform-enough integer in [lo, hi].
  int range(int lo, int hi) { return lo + static_cast<int>(next() % static_cast<uint64_t>(hi - lo + 1)); }
  bool chance(int percent) { return range(1, 100) <= percent; }
  template <class T, size_t N>
  const T& pick(const T (&a)[N]) { return a[next() % N]; }

 private:
  uint64_t s_;
};

// Appends `s` as a JSON string literal (escaping what JSON requires; UTF-8 passes through).
inline void str(std::string& o, const std::string& s) {
  o += '"';
  for (unsigned char c : s) {
    switch (c) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      case '\r': o += "\\r"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          o += buf;
        } else {
          o += static_cast<char>(c);
        }
    }
  }
  o += '"';
}

inline void key(std::string& o, const char* k) {
  str(o, k);
  o += ':';
}

inline std::string base64(const std::vector<uint8_t>& in) {
  static const char* A = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 3 <= in.size(); i += 3) {
    uint32_t v = (in[i] << 16) | (in[i + 1] << 8) | in[i + 2];
    out += A[v >> 18];
    out += A[(v >> 12) & 63];
    out += A[(v >> 6) & 63];
    out += A[v & 63];
  }
  if (i + 1 == in.size()) {
    uint32_t v = in[i] << 16;
    out += A[v >> 18];
    out += A[(v >> 12) & 63];
    out += "==";
  } else if (i + 2 == in.size()) {
    uint32_t v = (in[i] << 16) | (in[i + 1] << 8);
    out += A[v >> 18];
    out += A[(v >> 12) & 63];
    out += A[(v >> 6) & 63];
    out += '=';
  }
  return out;
}

// A DynamoDB Number as the wire carries it: a decimal string, sometimes negative, sometimes
// with many digits or an exponent.
inline std::string number(Rng& r) {
  char buf[64];
  switch (r.range(0, 5)) {
    case 0: std::snprintf(buf, sizeof buf, "%d", r.range(0, 20)); break;
    case 1: std::snprintf(buf, sizeof buf, "%d.%02d", r.range(0, 9999), r.range(0, 99)); break;
    case 2: std::snprintf(buf, sizeof buf, "-%d.%d", r.range(1, 500), r.range(1, 9)); break;
    case 3: std::snprintf(buf, sizeof buf, "17%011llu", static_cast<unsigned long long>(r.next() % 100000000000ull)); break;
    case 4: std::snprintf(buf, sizeof buf, "%d.%dE+%d", r.range(1, 9), r.range(0, 999), r.range(1, 30)); break;
    default:  // 38 significant digits, DynamoDB's maximum precision
      std::snprintf(buf, sizeof buf, "%llu%llu.%018llu", static_cast<unsigned long long>(r.next() % 9000000000ull + 1000000000ull),
                    static_cast<unsigned long long>(r.next() % 10000000000ull),
                    static_cast<unsigned long long>(r.next() % 1000000000000000000ull));
  }
  return buf;
}

inline void S(std::string& o, const std::string& v) { o += "{\"S\":"; str(o, v); o += '}'; }
inline void N(std::string& o, const std::string& v) { o += "{\"N\":"; str(o, v); o += '}'; }

static const char* const kWords[] = {"alpha", "harbor", "granite", "velvet", "lantern", "meadow", "quartz", "ember",
                                     "tundra", "willow", "saffron", "cobalt", "orbit", "pixel", "sable", "juniper"};
// Non-ASCII text, as user data carries it (2-, 3- and 4-byte UTF-8).
static const char* const kNames[] = {"Zoë Müller", "José Núñez", "Åsa Öberg", "Łukasz Żak", "山田 太郎", "Иван Петров",
                                     "Ngọc Anh", "Chloé Dubois", "محمد علي", "Ada Lovelace", "Grace Hopper", "Σοφία Παππά"};
static const char* const kCities[] = {"München", "São Paulo", "Kraków", "東京", "Reykjavík", "Zürich", "Lyon", "Osaka"};
static const char* const kStatus[] = {"PENDING", "PAID", "SHIPPED", "DELIVERED", "RETURNED", "CANCELLED"};
static const char* const kColors[] = {"red", "green", "blue", "black", "white", "teal", "amber", "violet"};

inline std::string sentence(Rng& r, int words) {
  std::string s;
  for (int i = 0; i < words; ++i) {
    if (i) s += ' ';
    s += r.pick(kWords);
  }
  return s;
}

inline std::string pad(const char* prefix, int n, int width) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s%0*d", prefix, width, n);
  return buf;
}

// One item's attribute map ({"pk":{"S":...},...}): string keys, nested M and L, N strings,
// SS/NS, B base64, BOOL and NULL.
inline void item(std::string& o, Rng& r, int customer, int order) {
  o += '{';
  key(o, "pk"); S(o, pad("CUSTOMER#", customer, 6)); o += ',';
  char sk[64];
  std::snprintf(sk, sizeof sk, "ORDER#2024-%02d-%02dT%02d:%02d:%02dZ#%05d", r.range(1, 12), r.range(1, 28), r.range(0, 23),
                r.range(0, 59), r.range(0, 59), order);
  key(o, "sk"); S(o, sk); o += ',';
  key(o, "status"); S(o, r.pick(kStatus)); o += ',';
  key(o, "total"); N(o, number(r)); o += ',';
  key(o, "createdAt"); N(o, number(r)); o += ',';
  key(o, "customer");
  o += "{\"M\":{";
  key(o, "name"); S(o, r.pick(kNames)); o += ',';
  key(o, "email"); S(o, pad("user", r.range(0, 99999), 5) + "@example.com"); o += ',';
  key(o, "vip"); o += r.chance(20) ? "{\"BOOL\":true}" : "{\"BOOL\":false}"; o += ',';
  key(o, "address");
  o += "{\"M\":{";
  key(o, "street"); S(o, std::to_string(r.range(1, 400)) + " " + sentence(r, 2) + " Street"); o += ',';
  key(o, "city"); S(o, r.pick(kCities)); o += ',';
  key(o, "zip"); S(o, pad("", r.range(0, 99999), 5)); o += ',';
  key(o, "geo"); o += "{\"M\":{"; key(o, "lat"); N(o, number(r)); o += ','; key(o, "lon"); N(o, number(r)); o += "}}";
  o += "}}";  // address
  o += "}}";  // customer
  o += ',';
  key(o, "lines");
  o += "{\"L\":[";
  int lines = r.range(1, 6);
  for (int i = 0; i < lines; ++i) {
    if (i) o += ',';
    o += "{\"M\":{";
    key(o, "sku"); S(o, pad("SKU-", r.range(0, 99999), 5)); o += ',';
    key(o, "title"); S(o, sentence(r, r.range(2, 6))); o += ',';
    key(o, "qty"); N(o, std::to_string(r.range(1, 9))); o += ',';
    key(o, "price"); N(o, number(r)); o += ',';
    key(o, "options"); o += "{\"SS\":["; str(o, r.pick(kColors)); o += ','; str(o, r.chance(50) ? "XL" : "M"); o += "]}";
    o += "}}";
  }
  o += "]}";
  o += ',';
  key(o, "tags");
  o += "{\"SS\":[";
  int tags = r.range(2, 6);
  for (int i = 0; i < tags; ++i) {
    if (i) o += ',';
    str(o, std::string(r.pick(kWords)) + "-" + std::to_string(i));  // distinct members
  }
  o += "]}";
  o += ',';
  key(o, "ratings"); o += "{\"NS\":["; str(o, "1"); o += ','; str(o, std::to_string(r.range(2, 5)) + ".5"); o += "]}";
  o += ',';
  std::vector<uint8_t> blob(static_cast<size_t>(r.range(24, 360)));
  for (auto& b : blob) b = static_cast<uint8_t>(r.next());
  key(o, "thumbnail"); o += "{\"B\":"; str(o, base64(blob)); o += '}';
  if (r.chance(40)) {
    // Escapes a parser must decode: quotes, backslash, newline, tab, a control character.
    o += ',';
    key(o, "notes");
    S(o, "Leave at the \"back\" door\\gate.\nCall first:\t" + sentence(r, 4) + " \x01 ✓ 😀 " + r.pick(kNames));
  }
  if (r.chance(30)) { o += ','; key(o, "giftWrap"); o += "{\"NULL\":true}"; }
  o += ',';
  key(o, "history");
  o += "{\"L\":[";
  S(o, "created"); o += ','; N(o, number(r)); o += ','; o += "{\"BOOL\":true}"; o += ',';
  o += "{\"L\":[";  S(o, r.pick(kStatus)); o += ','; o += "{\"M\":{"; key(o, "by"); S(o, r.pick(kNames)); o += "}}"; o += "]}";
  o += "]}";
  o += '}';
}

inline std::string put_item(Rng& r, int n) {
  std::string o;
  o += '{';
  key(o, "TableName"); str(o, "Orders"); o += ',';
  key(o, "Item"); item(o, r, r.range(0, 5000), n); o += ',';
  key(o, "ConditionExpression"); str(o, "attribute_not_exists(#pk) OR #st = :pending"); o += ',';
  key(o, "ExpressionAttributeNames"); o += "{\"#pk\":\"pk\",\"#st\":\"status\"}"; o += ',';
  key(o, "ExpressionAttributeValues"); o += "{\":pending\":"; S(o, "PENDING"); o += "},";
  key(o, "ReturnValues"); str(o, "ALL_OLD"); o += ',';
  key(o, "ReturnConsumedCapacity"); str(o, "TOTAL");
  o += '}';
  return o;
}

inline std::string query_response(Rng& r, int items) {
  std::string o;
  int customer = r.range(0, 5000);
  o += "{\"Items\":[";
  for (int i = 0; i < items; ++i) {
    if (i) o += ',';
    item(o, r, customer, i);
  }
  o += "],";
  key(o, "Count"); o += std::to_string(items); o += ',';
  key(o, "ScannedCount"); o += std::to_string(items); o += ',';
  key(o, "LastEvaluatedKey");
  o += '{'; key(o, "pk"); S(o, pad("CUSTOMER#", customer, 6)); o += ','; key(o, "sk"); S(o, "ORDER#2024-12-31T23:59:59Z#00099"); o += "},";
  key(o, "ConsumedCapacity"); o += "{\"TableName\":\"Orders\",\"CapacityUnits\":12.5}";
  o += '}';
  return o;
}

struct Workload {
  std::string name;
  std::vector<std::string> docs;
  size_t bytes = 0;
};

// The two shapes the engine handles most: many small requests, and large responses.
inline std::vector<Workload> make_workloads(uint64_t seed, int put_items, int query_responses) {
  Rng r(seed);
  Workload puts{"PutItem requests", {}, 0};
  for (int i = 0; i < put_items; ++i) puts.docs.push_back(put_item(r, i));
  Workload queries{"Query responses (100 items)", {}, 0};
  for (int i = 0; i < query_responses; ++i) queries.docs.push_back(query_response(r, 100));
  std::vector<Workload> all{puts, queries};
  for (auto& w : all)
    for (auto& d : w.docs) w.bytes += d.size();
  return all;
}

}  // namespace wl
