#include "api/projection_param.h"

#include "api/legacy_params.h"

namespace shoal {

std::optional<expr::Projection> readProjection(const RequestReader& request, ExpressionParams& params) {
  if (auto text = params.text("ProjectionExpression")) return expr::Projection::compile(*text, params.context());
  if (const JsonValue* list = request.array("AttributesToGet")) return legacyAttributesToGet(*list);
  return std::nullopt;
}

}  // namespace shoal
