#include "storage/log_reader.h"

#include "api/limits.h"
#include "storage/coding.h"
#include "storage/crc32c.h"

namespace shoal::storage {

const char* logStopName(LogStop stop) {
  switch (stop) {
    case LogStop::End: return "end";
    case LogStop::Torn: return "torn";
    case LogStop::BadLength: return "badLength";
    case LogStop::BadChecksum: return "badChecksum";
    case LogStop::Undecodable: return "undecodable";
    case LogStop::UnsupportedVersion: return "unsupportedVersion";
    case LogStop::Inconsistent: return "inconsistent";
    case LogStop::SequenceGap: return "sequenceGap";
  }
  return "?";
}

std::nullopt_t LogReader::halt(LogStop stop, std::string detail) {
  stop_ = stop;
  detail_ = std::move(detail) + " at byte " + std::to_string(pos_);
  return std::nullopt;
}

std::optional<LogRecord> LogReader::next() {
  if (stop_ != LogStop::End) return std::nullopt;
  recordStart_ = pos_;
  size_t remaining = log_.size() - pos_;
  if (remaining == 0) return std::nullopt;
  // Some file systems leave a zero-filled tail after a crash (size updated, data not). No
  // record starts with a zero length, so all zeros to the end is a torn append, not damage.
  if (log_.find_first_not_of('\0', pos_) == std::string_view::npos)
    return halt(LogStop::Torn, std::to_string(remaining) + " zero bytes");
  if (remaining < kLogHeaderBytes) return halt(LogStop::Torn, "incomplete record header");
  const char* header = log_.data() + pos_;
  uint32_t length = loadFixed32(header);
  if (length < kMinLogPayloadBytes || length > limits::kMaxLogRecordBytes)
    return halt(LogStop::BadLength, "record length " + std::to_string(length));
  if (length > remaining - kLogHeaderBytes)
    return halt(LogStop::Torn, "record of " + std::to_string(length) + " bytes with " +
                                   std::to_string(remaining - kLogHeaderBytes) + " present");
  uint32_t crc = crc32cExtend(crc32cExtend(0, header, 4), header + kLogHeaderBytes, length);
  if (crc != loadFixed32(header + 4)) return halt(LogStop::BadChecksum, "checksum mismatch");
  try {
    LogRecord record = decodeLogPayload(log_.substr(pos_ + kLogHeaderBytes, length));
    pos_ += kLogHeaderBytes + length;
    return record;
  } catch (const DecodeError& e) {
    return halt(e.failure() == DecodeFailure::UnsupportedVersion ? LogStop::UnsupportedVersion : LogStop::Undecodable,
                e.what());
  }
}

}  // namespace shoal::storage
