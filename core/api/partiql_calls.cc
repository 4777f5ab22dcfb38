#include "api/partiql_calls.h"

namespace shoal {

OperationContext contextFor(OperationContext& ctx, const RequestReader& request, JsonWriter& out) {
  return OperationContext{ctx.catalog, request, out, ctx.nowMillis, ctx.transactionTokens,
                          ctx.streams, ctx.throughput, ctx.endpointAddress};
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
