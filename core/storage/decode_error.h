// The one exception the storage decoders throw. Bytes from disk are untrusted: a decoder never
// reads out of bounds, never recurses without limit and never allocates more than the input
// can describe; anything it cannot make sense of becomes a DecodeError, which recovery turns
// into a value (RecoveryResult) at its boundary.
#pragma once
#include <cstdint>
#include <stdexcept>
#include <string>

namespace shoal::storage {

enum class DecodeFailure : uint8_t {
  Corrupt,             // bytes that no writer of any version produces
  UnsupportedVersion,  // a format version newer than this build reads
};

class DecodeError : public std::runtime_error {
 public:
  explicit DecodeError(std::string message, DecodeFailure failure = DecodeFailure::Corrupt)
      : std::runtime_error(std::move(message)), failure_(failure) {}
  DecodeFailure failure() const { return failure_; }

 private:
  DecodeFailure failure_;
};

}  // namespace shoal::storage
