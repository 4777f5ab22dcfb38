#include "api/partiql_calls.h"

#include <type_traits>
#include <utility>

namespace shoal {
namespace {

// OperationContext is an aggregate of references that other operations extend (the change
// streams joined it); copy whatever members it has past the request and the writer.
template <typename C, typename = void>
struct HasStreams : std::false_type {};
template <typename C>
struct HasStreams<C, std::void_t<decltype(std::declval<C&>().streams)>> : std::true_type {};

template <typename C>
C rebound(C& ctx, const RequestReader& request, JsonWriter& out) {
  if constexpr (HasStreams<C>::value) {
    return C{ctx.catalog, request, out, ctx.nowMillis, ctx.transactionTokens, ctx.streams};
  } else {
    return C{ctx.catalog, request, out, ctx.nowMillis, ctx.transactionTokens};
  }
}

}  // namespace

OperationContext contextFor(OperationContext& ctx, const RequestReader& request, JsonWriter& out) {
  return rebound(ctx, request, out);
}

JsonDocument callOperation(OperationContext& ctx, OperationHandler handler,
                           const std::function<void(JsonWriter&)>& writeMembers) {
  rapidjson::StringBuffer requestText;
  JsonWriter requestWriter(requestText);
  requestWriter.StartObject();
  writeMembers(requestWriter);
  requestWriter.EndObject();
  JsonDocument request;
  request.Parse(requestText.GetString(), requestText.GetSize());
  RequestReader reader(request);

  rapidjson::StringBuffer responseText;
  JsonWriter responseWriter(responseText);
  OperationContext sub = contextFor(ctx, reader, responseWriter);
  handler(sub);
  JsonDocument response;
  response.Parse(responseText.GetString(), responseText.GetSize());
  return response;
}

}  // namespace shoal
