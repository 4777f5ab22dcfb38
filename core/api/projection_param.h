// ProjectionExpression or the legacy AttributesToGet of a read, compiled once per request.
#pragma once
#include <optional>

#include "api/expression_params.h"
#include "expr/projection.h"

namespace shoal {

// nullopt when the request asks for whole items.
std::optional<expr::Projection> readProjection(const RequestReader& request, ExpressionParams& params);

}  // namespace shoal
