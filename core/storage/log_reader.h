// Reads framed records from the bytes of a log, in order, and says why it stopped. A log's
// last record may be torn (the writer died mid-append): that is an expected, clean end. Any
// other damage also stops the reader there; nothing after damage is trusted, because the
// frame boundaries after it cannot be trusted.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "storage/log_record.h"

namespace shoal::storage {

// Why reading or replaying a log ended. Reported to JS by name (logStopName).
enum class LogStop : uint8_t {
  End,                 // every byte was a whole, valid record
  Torn,                // the last record is incomplete (or the tail is zero-filled): a crash mid-append
  BadLength,           // a length field no writer produces (zero, too small or too large)
  BadChecksum,         // a whole record whose CRC-32C does not match
  Undecodable,         // the checksum holds but the payload does not decode
  UnsupportedVersion,  // written by a newer ShoalDB
  Inconsistent,        // decodes, but does not fit the state (unknown table, sequence going back)
  SequenceGap,         // records between the snapshot (or the previous record) and this one are missing
};

const char* logStopName(LogStop stop);

class LogReader {
 public:
  // `log` must outlive the reader.
  explicit LogReader(std::string_view log) : log_(log) {}

  // The next record, or nullopt when reading stopped; then stop() and detail() say why.
  std::optional<LogRecord> next();

  // Where the record last returned by next() begins and ends. Bytes before recordEnd() are
  // whole, valid records.
  size_t recordStart() const { return recordStart_; }
  size_t recordEnd() const { return pos_; }
  LogStop stop() const { return stop_; }
  const std::string& detail() const { return detail_; }

 private:
  std::nullopt_t halt(LogStop stop, std::string detail);

  std::string_view log_;
  size_t pos_ = 0;
  size_t recordStart_ = 0;
  LogStop stop_ = LogStop::End;
  std::string detail_;
};

}  // namespace shoal::storage
