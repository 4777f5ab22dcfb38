// One change record of a stream, and how GetRecords (and db.subscribe) render it.
#pragma once
#include <cstdint>
#include <optional>
#include <string>

#include "json/json.h"
#include "value/attribute_value.h"

namespace shoal {

enum class StreamEventName { Insert, Modify, Remove };

// StreamSpecification.StreamViewType: which images a record keeps.
enum class StreamView { KeysOnly, NewImage, OldImage, NewAndOldImages };
StreamView parseStreamView(const std::string& viewType);  // the four names TableParams accepts
const char* streamViewName(StreamView view);

struct StreamRecord {
  uint64_t sequence = 0;
  StreamEventName event = StreamEventName::Insert;
  bool byService = false;  // deleted by time to live, not by a request
  int64_t createdMillis = 0;
  StreamView view = StreamView::NewAndOldImages;
  Item keys;
  std::optional<Item> newImage;
  std::optional<Item> oldImage;
  size_t sizeBytes = 0;  // Keys and the images kept, counted as DynamoDB counts item size

  // Drops the images `view` does not keep and recomputes sizeBytes.
  void applyView(StreamView view);
};

// The Record object of GetRecords: eventID, eventName, eventVersion, eventSource, awsRegion,
// dynamodb {ApproximateCreationDateTime, Keys, NewImage, OldImage, SequenceNumber, SizeBytes,
// StreamViewType} and, for deletions by time to live, userIdentity. `eventIdSeed` makes the
// eventID unique across tables (the table's name).
void writeStreamRecord(JsonWriter& w, const StreamRecord& record, const std::string& eventIdSeed);

}  // namespace shoal
