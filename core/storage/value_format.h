// On-disk constants of the value codec (value_codec.h), shared by its encoder and decoder.
// The prose spec is FORMAT.md. Every number here is written to disk: NEVER renumber or reuse
// one; add new values at the end. The codec has no version of its own: it is read under the
// version of the container (log record or snapshot) that holds it.
#pragma once
#include <cstdint>

namespace shoal::storage {

// The first byte of an encoded AttributeValue. Independent of the in-memory enum Type on
// purpose: reordering Type must not change files.
enum class ValueTag : uint8_t {
  S = 1,
  N = 2,
  B = 3,
  False = 4,  // BOOL false: booleans take the tag byte alone
  True = 5,   // BOOL true
  Null = 6,
  M = 7,
  L = 8,
  SS = 9,
  NS = 10,
  BS = 11,
};

// The first byte of an encoded Number: bit 0 is the sign. Other bits must be zero.
inline constexpr uint8_t kNumberNegative = 0x01;

// Before each attribute of a StoredItem: whether its stamp repeats the previous attribute's
// (the common case: one write sets every attribute of a PutItem).
enum class StampTag : uint8_t {
  Same = 0,
  New = 1,
};

// A key attribute's or attribute definition's type in a TableSchema.
enum class ScalarTag : uint8_t {
  S = 1,
  N = 2,
  B = 3,
};

enum class BillingTag : uint8_t {
  Provisioned = 1,
  PayPerRequest = 2,
};

// Optional parts of a TableSchema, after its fixed fields: a count, then (tag, length-prefixed
// body) in increasing tag order, each present only when it differs from its default. A reader
// gives absent sections their defaults (so files from before a section existed still read) and
// refuses a tag it does not know as UnsupportedVersion (dropping a table setting silently would
// lose it at the next checkpoint).
enum class SchemaSection : uint8_t {
  Indexes = 1,
  Stream = 2,
  TimeToLive = 3,
  // 4-9 are left to sync (issue 6); 10-19 belong to backups (issue 5).
  PointInTimeRecovery = 10,
  RestoredFrom = 11,
  Tags = 20,  // TagResource / CreateTable's Tags
};

// A secondary index's projection and lifecycle state, in a TableSchema.
enum class ProjectionTag : uint8_t {
  KeysOnly = 1,
  Include = 2,
  All = 3,
};

enum class IndexStatusTag : uint8_t {
  Creating = 1,
  Active = 2,
  Deleting = 3,
};

}  // namespace shoal::storage
