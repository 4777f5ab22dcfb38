// DynamoDB's error types as values thrown inside the core and caught once, at the entry point
// (api/engine.cc), which renders them as {"__type": ..., "message": ...}. Nothing else in the
// core catches them, so a failed validation can never leave a write half-applied: validation
// runs before any mutation.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "value/attribute_value.h"

namespace shoal {

class ApiError : public std::runtime_error {
 public:
  // `type` is the short DynamoDB name, e.g. "ValidationException".
  ApiError(std::string type, std::string message, int httpStatus = 400)
      : std::runtime_error(message), type_(std::move(type)), status_(httpStatus) {}

  const std::string& type() const { return type_; }
  int httpStatus() const { return status_; }
  // The namespace DynamoDB puts in front of the type in "__type".
  std::string qualifiedType() const;

  // ConditionalCheckFailedException with ReturnValuesOnConditionCheckFailure=ALL_OLD carries
  // the item as it was; the entry point writes it as "Item" beside the message.
  ApiError& withItem(Item item) {
    item_ = std::make_shared<Item>(std::move(item));
    return *this;
  }
  const Item* item() const { return item_.get(); }

  // Any other member an error type carries beside its message, as a name and a pre-rendered
  // JSON value (TransactionCanceledException's "CancellationReasons" array); the entry point
  // writes them in the order added.
  ApiError& withMember(std::string name, std::string json) {
    members_.emplace_back(std::move(name), std::move(json));
    return *this;
  }
  const std::vector<std::pair<std::string, std::string>>& members() const { return members_; }
  // The name of the message member in the error body: "message" for most types, "Message"
  // for the types DynamoDB's model spells that way (SDKs read it into `.Message`).
  const char* messageMember() const;

  static ApiError validation(std::string message) { return {"ValidationException", std::move(message)}; }
  static ApiError serialization(std::string message) { return {"SerializationException", std::move(message)}; }
  static ApiError resourceNotFound(std::string message) { return {"ResourceNotFoundException", std::move(message)}; }
  static ApiError resourceInUse(std::string message) { return {"ResourceInUseException", std::move(message)}; }
  static ApiError conditionalCheckFailed(std::string message = "The conditional request failed") {
    return {"ConditionalCheckFailedException", std::move(message)};
  }
  static ApiError unknownOperation(std::string message) { return {"UnknownOperationException", std::move(message)}; }
  static ApiError internal(std::string message) { return {"InternalServerError", std::move(message), 500}; }
  static ApiError transactionCanceled(std::string message) { return {"TransactionCanceledException", std::move(message)}; }
  static ApiError idempotentParameterMismatch(std::string message) {
    return {"IdempotentParameterMismatchException", std::move(message)};
  }

 private:
  std::string type_;
  int status_;
  std::shared_ptr<Item> item_;
  std::vector<std::pair<std::string, std::string>> members_;
};

}  // namespace shoal
