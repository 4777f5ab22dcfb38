#include "stream/stream_record.h"

#include "json/wire_value.h"
#include "stream/sequence_number.h"
#include "value/fixed_digits.h"
#include "value/item_size.h"

namespace shoal {
namespace {

const char* eventNameOf(StreamEventName e) {
  switch (e) {
    case StreamEventName::Insert: return "INSERT";
    case StreamEventName::Modify: return "MODIFY";
    case StreamEventName::Remove: return "REMOVE";
  }
  return "MODIFY";
}

uint64_t fnv1a(const std::string& text) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : text) h = (h ^ c) * 1099511628211ull;
  return h;
}

// 32 hex digits, like DynamoDB's eventIDs: a hash of the table, then the sequence number.
std::string eventId(const std::string& seed, uint64_t sequence) {
  std::string id;
  appendHex(id, fnv1a(seed), 16);
  appendHex(id, sequence, 16);
  return id;
}

}  // namespace

StreamView parseStreamView(const std::string& viewType) {
  if (viewType == "KEYS_ONLY") return StreamView::KeysOnly;
  if (viewType == "NEW_IMAGE") return StreamView::NewImage;
  if (viewType == "OLD_IMAGE") return StreamView::OldImage;
  return StreamView::NewAndOldImages;
}

const char* streamViewName(StreamView view) {
  switch (view) {
    case StreamView::KeysOnly: return "KEYS_ONLY";
    case StreamView::NewImage: return "NEW_IMAGE";
    case StreamView::OldImage: return "OLD_IMAGE";
    case StreamView::NewAndOldImages: return "NEW_AND_OLD_IMAGES";
  }
  return "NEW_AND_OLD_IMAGES";
}

void StreamRecord::applyView(StreamView v) {
  view = v;
  if (v == StreamView::KeysOnly || v == StreamView::OldImage) newImage.reset();
  if (v == StreamView::KeysOnly || v == StreamView::NewImage) oldImage.reset();
  sizeBytes = itemSizeBytes(keys) + (newImage ? itemSizeBytes(*newImage) : 0) + (oldImage ? itemSizeBytes(*oldImage) : 0);
}

void writeStreamRecord(JsonWriter& w, const StreamRecord& r, const std::string& eventIdSeed) {
  w.StartObject();
  writeKey(w, "eventID");
  writeString(w, eventId(eventIdSeed, r.sequence));
  writeKey(w, "eventName");
  w.String(eventNameOf(r.event));
  writeKey(w, "eventVersion");
  w.String("1.1");
  writeKey(w, "eventSource");
  w.String("aws:dynamodb");
  writeKey(w, "awsRegion");
  w.String("ddblocal");  // the region of ShoalDB's ARNs (api/table_description.cc)
  writeKey(w, "dynamodb");
  w.StartObject();
  writeKey(w, "ApproximateCreationDateTime");
  // Epoch seconds, rounded down to the second as DynamoDB documents it.
  int64_t seconds = r.createdMillis / 1000 - (r.createdMillis % 1000 < 0 ? 1 : 0);
  w.Int64(seconds);
  writeKey(w, "Keys");
  writeAttributeMap(w, r.keys);
  if (r.newImage) {
    writeKey(w, "NewImage");
    writeAttributeMap(w, *r.newImage);
  }
  if (r.oldImage) {
    writeKey(w, "OldImage");
    writeAttributeMap(w, *r.oldImage);
  }
  writeKey(w, "SequenceNumber");
  writeString(w, formatSequenceNumber(r.sequence));
  writeKey(w, "SizeBytes");
  w.Uint64(r.sizeBytes);
  writeKey(w, "StreamViewType");
  w.String(streamViewName(r.view));
  w.EndObject();
  if (r.byService) {
    writeKey(w, "userIdentity");
    w.StartObject();
    writeKey(w, "principalId");
    w.String("dynamodb.amazonaws.com");
    writeKey(w, "type");
    w.String("Service");
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace shoal
