// DynamoDB's error types as values thrown inside the core and caught once, at the entry point
// (api/engine.cc), which renders them as {"__type": ..., "message": ...}. Nothing else in the
// core catches them, so a failed validation can never leave a write half-applied: validation
// runs before any mutation.
#pragma once
#include <memory>
#include <stdexcept>
#include <string>

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

  static ApiError validation(std::string message) { return {"ValidationException", std::move(message)}; }
  static ApiError serialization(std::string message) { return {"SerializationException", std::move(message)}; }
  static ApiError resourceNotFound(std::string message) { return {"ResourceNotFoundException", std::move(message)}; }
  static ApiError resourceInUse(std::string message) { return {"ResourceInUseException", std::move(message)}; }
  static ApiError conditionalCheckFailed(std::string message = "The conditional request failed") {
    return {"ConditionalCheckFailedException", std::move(message)};
  }
  static ApiError unknownOperation(std::string message) { return {"UnknownOperationException", std::move(message)}; }
  static ApiError internal(std::string message) { return {"InternalServerError", std::move(message), 500}; }

 private:
  std::string type_;
  int status_;
  std::shared_ptr<Item> item_;
};

}  // namespace shoal
