#include "api/error.h"

namespace shoal {

std::string ApiError::qualifiedType() const {
  // DynamoDB reports protocol-level failures from its front end ("coral") and everything else
  // from the DynamoDB service namespace; SDKs only read the part after '#', but the aws CLI
  // prints the whole string, so match what DynamoDB sends.
  if (type_ == "SerializationException" || type_ == "UnknownOperationException" ||
      type_ == "MissingAuthenticationTokenException" || type_ == "InvalidSignatureException" ||
      type_ == "AccessDeniedException")
    return "com.amazon.coral.service#" + type_;
  if (type_ == "ValidationException") return "com.amazon.coral.validate#" + type_;
  return "com.amazonaws.dynamodb.v20120810#" + type_;
}

const char* ApiError::messageMember() const {
  if (type_ == "TransactionCanceledException" || type_ == "IdempotentParameterMismatchException" ||
      type_ == "AccessDeniedException")
    return "Message";
  return "message";
}

}  // namespace shoal
