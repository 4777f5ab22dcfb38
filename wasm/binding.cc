// The Embind binding: one class, Engine, whose execute() takes an operation name and a
// request JSON string and returns {status, body}. Requests and responses cross the boundary
// once per call as strings; no per-attribute objects. Engine::execute never throws, so no C++
// exception can escape into JavaScript and abort the module.
#include <emscripten/bind.h>

#include "api/engine.h"

namespace {

struct WasmResponse {
  int status;
  std::string body;
};

class WasmEngine {
 public:
  explicit WasmEngine(double siteId) : engine_(static_cast<uint64_t>(siteId)) {}
  WasmEngine() : engine_(1) {}

  WasmResponse execute(const std::string& operation, const std::string& request, double nowMillis) {
    shoal::Response r = engine_.execute(operation, request, static_cast<int64_t>(nowMillis));
    return {r.status, std::move(r.body)};
  }

 private:
  shoal::Engine engine_;
};

}  // namespace

EMSCRIPTEN_BINDINGS(shoal) {
  emscripten::value_object<WasmResponse>("Response")
      .field("status", &WasmResponse::status)
      .field("body", &WasmResponse::body);
  emscripten::class_<WasmEngine>("Engine")
      .constructor<>()
      .constructor<double>()
      .function("execute", &WasmEngine::execute);
}
