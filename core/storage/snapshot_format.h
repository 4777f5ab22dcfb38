// On-disk constants of a snapshot, shared by its writer and reader; prose spec in FORMAT.md.
// NEVER renumber or reuse a value here. Two things hold for every version, so any build can
// tell a damaged file from a newer one: the file starts with kSnapshotMagic, and its last four
// bytes are the CRC-32C of every byte before them.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace shoal::storage {

inline constexpr std::string_view kSnapshotMagic{"ShoalSnp", 8};

// Bumped when the header or body layout (or the value codec inside it) changes. Version 2 adds
// sections after the tables; a snapshot without sections is still written as version 1, so
// databases that never use what the sections hold stay readable by older builds.
inline constexpr uint32_t kSnapshotFormatVersion = 2;
inline constexpr uint32_t kSnapshotFirstVersionWithSections = 2;

// Tags of the body's sections (version 2 on). A reader refuses a tag it does not know.
enum class SnapshotSection : uint8_t {
  Sync = 1,  // core/sync/replicator.h: version vector, retained units, tombstones, conflicts
  // 2-9 are left to sync (issue 6); 10-19 belong to backups (issue 5, storage/backup_codec.h).
  Backups = 10,               // every backup, its compressed items included
  PointInTimeHistories = 11,  // the undo log of every table with point-in-time recovery on
};

enum class SnapshotCompression : uint32_t {
  Zstd = 1,
};

// Header field offsets (fixed-width little-endian), then the body, then the CRC.
inline constexpr size_t kSnapshotVersionOffset = 8;        // fixed32
inline constexpr size_t kSnapshotCompressionOffset = 12;   // fixed32 SnapshotCompression
inline constexpr size_t kSnapshotSequenceOffset = 16;      // fixed64 last log sequence included
inline constexpr size_t kSnapshotClockOffset = 24;         // fixed64 hybrid clock's last value
inline constexpr size_t kSnapshotSiteOffset = 32;          // fixed64 site id
inline constexpr size_t kSnapshotRawSizeOffset = 40;       // fixed64 body bytes before compression
inline constexpr size_t kSnapshotBodySizeOffset = 48;      // fixed64 body bytes as stored
inline constexpr size_t kSnapshotHeaderBytes = 56;
inline constexpr size_t kSnapshotTrailerBytes = 4;         // fixed32 CRC-32C

// zstd level: 3 is zstd's default, where it compresses item data well at a speed that keeps
// a checkpoint of 100,000 items short.
inline constexpr int kSnapshotZstdLevel = 3;

}  // namespace shoal::storage
