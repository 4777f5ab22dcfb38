// PartiQL runs as the ordinary operations: a statement becomes the PutItem, UpdateItem,
// DeleteItem, GetItem, TransactGetItems or TransactWriteItems request it stands for, built in
// memory, and that operation's handler validates, executes and answers it exactly as it does
// for any client. These helpers build such a request and call the handler.
#pragma once
#include <functional>

#include "api/operation.h"
#include "json/json.h"

namespace shoal {

// Calls `handler` with the request object `writeMembers` writes (members only; the braces are
// written here) and returns the handler's response. The handler's errors propagate.
JsonDocument callOperation(OperationContext& ctx, OperationHandler handler,
                           const std::function<void(JsonWriter&)>& writeMembers);

// `ctx` with another request and response writer (for the pieces of an operation, such as
// writePage, that write to ctx.out).
OperationContext contextFor(OperationContext& ctx, const RequestReader& request, JsonWriter& out);

}  // namespace shoal
