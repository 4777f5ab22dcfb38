// JSON library benchmark on DynamoDB wire JSON (issue 2: choose the JSON library after measuring).
//
// Candidates (all Debian packages): RapidJSON (DOM + Writer, with the engine's parse flags and with
// the defaults), nlohmann::json (parse + dump), simdjson (DOM parse + to_string; On-Demand full walk,
// parse only; DOM parse + RapidJSON Writer, the combination an engine would actually use, since
// simdjson cannot build new documents). For each, on two seeded workloads, it measures
//   parse       MB/s of input parsed into the library's document (or fully walked, On-Demand)
//   round-trip  MB/s of input parsed and serialized back to a string
// Libraries are interleaved: every round runs every variant once, in an order rotated per round;
// the table shows medians over rounds, and ratios (median of per-round ratios) against RapidJSON
// with the engine's flags.
//
// Usage: json_bench [rounds=7] [min_seconds_per_measurement=0.15] [host_cores]
// (host_cores is for the wasm build, where the runtime cannot see the host's core count)
// Builds natively (bench/json/run.sh) and with em++ (same source, run under Node).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <simdjson.h>

#include "sj_writer.h"
#include "workload.h"

namespace {

using Clock = std::chrono::steady_clock;

#define SHOAL_STR2(x) #x
#define SHOAL_STR(x) SHOAL_STR2(x)

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "json_bench: %s\n", what);
  std::exit(1);
}

// ---- the engine's RapidJSON flags (core/json/json.cc) ----
constexpr unsigned kEngineFlags = rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag;

template <unsigned Flags>
size_t rj_parse(const std::string& s) {
  rapidjson::Document d;
  d.Parse<Flags>(s.data(), s.size());
  if (d.HasParseError()) fail("rapidjson parse error");
  return d.MemberCount();
}

template <unsigned Flags>
std::string rj_round(const std::string& s) {
  rapidjson::Document d;
  d.Parse<Flags>(s.data(), s.size());
  if (d.HasParseError()) fail("rapidjson parse error");
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  d.Accept(w);
  return std::string(buf.GetString(), buf.GetSize());
}

size_t nl_parse(const std::string& s) { return nlohmann::json::parse(s).size(); }
std::string nl_round(const std::string& s) { return nlohmann::json::parse(s).dump(); }

// simdjson wants SIMDJSON_PADDING readable bytes after the input; an engine can allocate its
// request buffers that way, so the padded copies are made once, outside the timing.
struct SimdState {
  simdjson::dom::parser dom;
  simdjson::ondemand::parser od;
};

simdjson::dom::element sj_dom(SimdState& st, const simdjson::padded_string& p) {
  simdjson::dom::element e;
  if (st.dom.parse(p).get(e)) fail("simdjson parse error");
  return e;
}

// Visits every value the way the engine reads a request: keys and strings unescaped, numbers
// converted, counting values (checked against RapidJSON's count).
size_t od_walk(simdjson::ondemand::value v);
size_t od_walk_object(simdjson::ondemand::object obj) {
  size_t n = 1;
  for (auto field : obj) {
    std::string_view k;
    if (field.unescaped_key().get(k)) fail("simdjson key");
    simdjson::ondemand::value v;
    if (field.value().get(v)) fail("simdjson value");
    n += od_walk(v);
  }
  return n;
}
size_t od_walk(simdjson::ondemand::value v) {
  simdjson::ondemand::json_type t;
  if (v.type().get(t)) fail("simdjson type");
  switch (t) {
    case simdjson::ondemand::json_type::object: {
      simdjson::ondemand::object obj;
      if (v.get_object().get(obj)) fail("simdjson object");
      return od_walk_object(obj);
    }
    case simdjson::ondemand::json_type::array: {
      size_t n = 1;
      simdjson::ondemand::array arr;
      if (v.get_array().get(arr)) fail("simdjson array");
      for (auto el : arr) {
        simdjson::ondemand::value x;
        if (el.get(x)) fail("simdjson element");
        n += od_walk(x);
      }
      return n;
    }
    case simdjson::ondemand::json_type::string: {
      std::string_view s;
      if (v.get_string().get(s)) fail("simdjson string");
      return 1;
    }
    case simdjson::ondemand::json_type::number: {
      simdjson::ondemand::number num;
      if (v.get_number().get(num)) fail("simdjson number");
      return 1;
    }
    case simdjson::ondemand::json_type::boolean: {
      bool b;
      if (v.get_bool().get(b)) fail("simdjson bool");
      return 1;
    }
    case simdjson::ondemand::json_type::null: {
      if (!v.is_null()) fail("simdjson null");
      return 1;
    }
  }
  return 0;
}

size_t od_parse(SimdState& st, const simdjson::padded_string& p) {
  simdjson::ondemand::document doc;
  if (st.od.iterate(p).get(doc)) fail("simdjson iterate");
  simdjson::ondemand::object obj;
  if (doc.get_object().get(obj)) fail("simdjson root");
  size_t n = od_walk_object(obj);
  return n;
}

size_t rj_count(const rapidjson::Value& v) {
  size_t n = 1;
  if (v.IsObject())
    for (auto& m : v.GetObject()) n += rj_count(m.value);
  else if (v.IsArray())
    for (auto& e : v.GetArray()) n += rj_count(e);
  return n;
}

// A variant is one library used one way; each operation processes document i of workload w and
// returns something to keep the optimizer honest.
struct Variant {
  std::string name;
  std::function<size_t(size_t w, size_t i)> parse;
  std::function<std::string(size_t w, size_t i)> round;  // empty: serialization not available
  std::string note;
};

size_t checksum(size_t n) { return n; }
size_t checksum(const std::string& s) { return s.size(); }

// Runs `op` over every document of a workload, repeating whole passes until min_seconds have
// elapsed; returns MB/s (1 MB = 1e6 bytes) of input processed.
template <class Op>
double measure(const wl::Workload& wk, size_t w, const Op& op, double min_seconds, size_t& sink) {
  size_t passes = 0;
  auto t0 = Clock::now();
  double elapsed = 0;
  do {
    for (size_t i = 0; i < wk.docs.size(); ++i) sink += checksum(op(w, i));
    ++passes;
    elapsed = std::chrono::duration<double>(Clock::now() - t0).count();
  } while (elapsed < min_seconds);
  return static_cast<double>(wk.bytes) * passes / elapsed / 1e6;
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  int rounds = argc > 1 ? std::atoi(argv[1]) : 7;
  double min_seconds = argc > 2 ? std::atof(argv[2]) : 0.15;
  unsigned cores = argc > 3 ? static_cast<unsigned>(std::atoi(argv[3])) : std::thread::hardware_concurrency();
  if (rounds < 1 || min_seconds <= 0) fail("usage: json_bench [rounds] [min_seconds] [host_cores]");

  const uint64_t seed = 20240517;
  auto workloads = wl::make_workloads(seed, 2000, 12);
  std::vector<std::vector<simdjson::padded_string>> padded(workloads.size());
  for (size_t w = 0; w < workloads.size(); ++w)
    for (auto& d : workloads[w].docs) padded[w].emplace_back(d);
  SimdState st;

  std::vector<Variant> variants = {
      {"rapidjson (engine flags)", [&](size_t w, size_t i) { return rj_parse<kEngineFlags>(workloads[w].docs[i]); },
       [&](size_t w, size_t i) { return rj_round<kEngineFlags>(workloads[w].docs[i]); },
       "iterative + UTF-8 validation, as core/json/json.cc; Writer into StringBuffer"},
      {"rapidjson (default flags)",
       [&](size_t w, size_t i) { return rj_parse<rapidjson::kParseDefaultFlags>(workloads[w].docs[i]); },
       [&](size_t w, size_t i) { return rj_round<rapidjson::kParseDefaultFlags>(workloads[w].docs[i]); },
       "recursive, no UTF-8 validation"},
      {"nlohmann::json", [&](size_t w, size_t i) { return nl_parse(workloads[w].docs[i]); },
       [&](size_t w, size_t i) { return nl_round(workloads[w].docs[i]); },
       "json::parse + dump(); std::map objects (keys come back sorted)"},
      {"simdjson DOM", [&](size_t w, size_t i) { return sj_dom(st, padded[w][i]).is_object() ? size_t{1} : size_t{0}; },
       [&](size_t w, size_t i) { return simdjson::to_string(sj_dom(st, padded[w][i])); },
       "reused dom::parser; simdjson::to_string for output"},
      {"simdjson DOM + RapidJSON Writer",
       [&](size_t w, size_t i) { return sj_dom(st, padded[w][i]).is_object() ? size_t{1} : size_t{0}; },
       [&](size_t w, size_t i) {
         rapidjson::StringBuffer buf;
         rapidjson::Writer<rapidjson::StringBuffer> wr(buf);
         sj_write(sj_dom(st, padded[w][i]), wr);
         return std::string(buf.GetString(), buf.GetSize());
       },
       "parse as above (measured again); output through RapidJSON's Writer (sj_writer.h)"},
      {"simdjson On-Demand walk", [&](size_t w, size_t i) { return od_parse(st, padded[w][i]); }, nullptr,
       "visits every value; no document to serialize (n/a)"},
  };

  // ---- correctness first: every round-trip output must parse to the same JSON value ----
  for (size_t w = 0; w < workloads.size(); ++w) {
    for (size_t i = 0; i < workloads[w].docs.size(); ++i) {
      rapidjson::Document ref;
      ref.Parse<kEngineFlags>(workloads[w].docs[i].c_str());
      if (ref.HasParseError()) fail("generated document is not valid JSON");
      if (od_parse(st, padded[w][i]) != rj_count(ref)) fail("simdjson On-Demand walk count differs from RapidJSON");
      for (auto& v : variants) {
        if (!v.round) continue;
        std::string out = v.round(w, i);
        rapidjson::Document back;
        back.Parse<kEngineFlags>(out.c_str());
        if (back.HasParseError() || back != ref) {
          std::fprintf(stderr, "%s: round-trip of %s #%zu differs\n", v.name.c_str(), workloads[w].name.c_str(), i);
          return 1;
        }
      }
    }
  }

  // ---- header ----
#ifdef __EMSCRIPTEN__
  const char* target = "WebAssembly (em++ -O3 -fwasm-exceptions), run under Node";
#else
  const char* target = "native (g++ -O3)";
#endif
  std::printf("JSON libraries on DynamoDB wire JSON: %s\n", target);
  std::printf("  compiler %s; RapidJSON %s, nlohmann::json %d.%d.%d, simdjson %s (kernel: %s)\n", __VERSION__,
              RAPIDJSON_VERSION_STRING, NLOHMANN_JSON_VERSION_MAJOR, NLOHMANN_JSON_VERSION_MINOR,
              NLOHMANN_JSON_VERSION_PATCH, SHOAL_STR(SIMDJSON_VERSION), simdjson::get_active_implementation()->name().c_str());
  size_t total = 0;
  for (auto& wk : workloads) {
    std::printf("  workload %-28s %5zu docs, %8.3f MB (seed %llu)\n", wk.name.c_str(), wk.docs.size(), wk.bytes / 1e6,
                static_cast<unsigned long long>(seed));
    total += wk.bytes;
  }
  std::printf("  total %.3f MB; all round-trip outputs verified to parse back to the input's JSON value\n", total / 1e6);
  std::printf("  NOTE: this machine has %u shared, noisy cores: figures are medians of %d interleaved rounds\n",
              cores, rounds);
  std::printf("        (each round runs every library once, order rotated); treat differences under ~15%% as noise.\n");
  std::fflush(stdout);

  // ---- interleaved rounds ----
  // results[variant][workload][0 parse / 1 round-trip] -> per-round MB/s
  std::vector<std::vector<std::vector<std::vector<double>>>> results(
      variants.size(), std::vector<std::vector<std::vector<double>>>(workloads.size(), std::vector<std::vector<double>>(2)));
  size_t sink = 0;
  for (auto& v : variants)  // warm-up: caches, allocator, simdjson parser capacity
    for (size_t w = 0; w < workloads.size(); ++w) measure(workloads[w], w, v.parse, 0.02, sink);
  for (int r = 0; r < rounds; ++r) {
    for (size_t k = 0; k < variants.size(); ++k) {
      size_t vi = (k + static_cast<size_t>(r)) % variants.size();
      auto& v = variants[vi];
      for (size_t w = 0; w < workloads.size(); ++w) {
        results[vi][w][0].push_back(measure(workloads[w], w, v.parse, min_seconds, sink));
        if (v.round) results[vi][w][1].push_back(measure(workloads[w], w, v.round, min_seconds, sink));
      }
    }
    std::fprintf(stderr, "  round %d/%d done\n", r + 1, rounds);
  }

  // ---- table ----
  // Ratios are the median of per-round ratios (each library against RapidJSON in the same round),
  // which cancels much of the load that other tenants put on the machine between rounds.
  auto ratio = [&](size_t vi, size_t w, int k) {
    std::vector<double> r;
    for (size_t i = 0; i < results[vi][w][k].size(); ++i) r.push_back(results[vi][w][k][i] / results[0][w][k][i]);
    return median(r);
  };
  std::printf("\n| workload | library | parse MB/s | vs RapidJSON | parse+serialize MB/s | vs RapidJSON |\n");
  std::printf("|---|---|---:|---:|---:|---:|\n");
  for (size_t w = 0; w < workloads.size(); ++w) {
    for (size_t vi = 0; vi < variants.size(); ++vi) {
      std::printf("| %s | %s | %.0f | %.2fx |", workloads[w].name.c_str(), variants[vi].name.c_str(),
                  median(results[vi][w][0]), ratio(vi, w, 0));
      if (variants[vi].round)
        std::printf(" %.0f | %.2fx |\n", median(results[vi][w][1]), ratio(vi, w, 1));
      else
        std::printf(" n/a | n/a |\n");
    }
  }
  std::printf("MB/s: median over rounds (1 MB = 10^6 bytes of input). vs RapidJSON: median of per-round ratios\n");
  std::printf("against \"%s\".\n", variants[0].name.c_str());
  std::printf("\nSpread (min-max over rounds, MB/s), parse / round-trip:\n");
  for (size_t vi = 0; vi < variants.size(); ++vi) {
    std::printf("  %-32s", variants[vi].name.c_str());
    for (size_t w = 0; w < workloads.size(); ++w) {
      auto& p = results[vi][w][0];
      std::printf("  %s: %.0f-%.0f", w == 0 ? "PutItem" : "Query", *std::min_element(p.begin(), p.end()),
                  *std::max_element(p.begin(), p.end()));
      auto& q = results[vi][w][1];
      if (!q.empty()) std::printf(" / %.0f-%.0f", *std::min_element(q.begin(), q.end()), *std::max_element(q.begin(), q.end()));
    }
    std::printf("\n");
  }
  std::printf("\nVariants:\n");
  for (auto& v : variants) std::printf("  %-32s %s\n", v.name.c_str(), v.note.c_str());
  std::printf("(checksum %zu)\n", sink);
  return 0;
}
