// Snapshots: the whole catalog (schemas, items with their stamps) plus the hybrid clock, the
// site id and the log position it includes, zstd-compressed and checksummed. A checkpoint
// writes one, and then the log records it includes can go (see FORMAT.md, "Checkpoint").
#pragma once
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "api/catalog.h"
#include "storage/decode_error.h"
#include "storage/snapshot_format.h"

namespace shoal::storage {

// Where the database stood when the snapshot was taken.
struct SnapshotPosition {
  uint64_t sequence = 0;  // the last log record the snapshot includes (0: none)
  uint64_t clock = 0;     // the hybrid clock's last value
};

struct SnapshotHeader {
  uint32_t version = 0;
  SnapshotPosition position;
  uint64_t site = 0;
  uint64_t rawBytes = 0;
  uint64_t storedBytes = 0;
};

// Optional parts of the body besides the tables, by tag (snapshot_format.h), each an opaque body
// its owner encodes. Empty ones are not written.
using SnapshotSections = std::map<SnapshotSection, std::string>;

std::string writeSnapshot(const Catalog& catalog, const SnapshotPosition& position,
                          const SnapshotSections& sections = {});

// Checks the framing (magic, size, checksum, version) without decompressing. Throws
// DecodeError.
SnapshotHeader readSnapshotHeader(std::string_view snapshot);

// Replaces `catalog` with the snapshot's contents: its tables, site id and clock. All or
// nothing: the snapshot is decoded into a fresh Catalog which replaces `catalog` only once
// every byte checked out, so a DecodeError leaves `catalog` as it was. Observers registered
// on `catalog` are dropped with it (loading is not a change anyone should observe; register
// them after). Throws DecodeError.
// `sections`, when given, receives the body's sections (none for a version 1 snapshot).
SnapshotHeader loadSnapshot(std::string_view snapshot, Catalog& catalog, SnapshotSections* sections = nullptr);

}  // namespace shoal::storage
