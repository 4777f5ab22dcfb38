#include "api/engine.h"

#include <new>

#include "api/error.h"
#include "api/operation.h"
#include "json/json.h"
#include "json/wire_value.h"

namespace shoal {
namespace {

Response errorResponse(const ApiError& e) {
  rapidjson::StringBuffer buf;
  JsonWriter w(buf);
  w.StartObject();
  writeKey(w, "__type");
  writeString(w, e.qualifiedType());
  writeKey(w, "message");
  writeString(w, e.what());
  if (e.item()) {
    writeKey(w, "Item");
    writeAttributeMap(w, *e.item());
  }
  w.EndObject();
  return {e.httpStatus(), buf.GetString()};
}

}  // namespace

Response Engine::execute(std::string_view operation, std::string_view requestJson, int64_t nowMillis) {
  try {
    OperationHandler handler = findOperation(operation);
    if (!handler) throw ApiError::unknownOperation("An unknown operation was requested.");
    JsonDocument doc;
    parseJsonObject(requestJson, doc);
    RequestReader request(doc);
    rapidjson::StringBuffer buf;
    JsonWriter out(buf);
    OperationContext ctx{catalog_, request, out, nowMillis};
    handler(ctx);
    return {200, std::string(buf.GetString(), buf.GetSize())};
  } catch (const ApiError& e) {
    return errorResponse(e);
  } catch (const std::bad_alloc&) {
    return errorResponse(ApiError::internal("The server ran out of memory while handling the request"));
  } catch (const std::exception& e) {
    return errorResponse(ApiError::internal(std::string("Internal server error: ") + e.what()));
  }
}

}  // namespace shoal
