// The sync protocol's messages: what transports (BroadcastChannel, the WebSocket hub) carry
// between peers, as bytes. The first byte is the protocol version, the second the type:
//   Hello    varint site | varint clock | vector | seen matrix     who I am, what I have, and
//            what every site I know of has seen (seen_matrix.h; since version 2)
//   Changes  varint site | varint n x bytes schema | varint n x bytes unit
//   State    varint site | varint n x bytes schema | bytes page | bytes next cursor (empty: done)
// Changes and State carry the schemas of the tables their writes touch, so a peer creates a
// table it lacks. A peer refuses a newer version; it keeps reading older ones.
//
// A conversation: each side says Hello; each answers a Hello with the Changes the other lacks
// (or, when it is behind, State pages), batch by batch, and with a Hello of its own after
// applying what it received, which acknowledges it and asks for the next batch.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "api/engine.h"
#include "sync/replicator.h"

namespace shoal::sync {

inline constexpr uint8_t kProtocolVersion = 2;  // 2: Hello carries the seen matrix

enum class MessageType : uint8_t { Hello = 1, Changes = 2, State = 3 };

std::string helloMessage(Engine& engine);

struct OutgoingChanges {
  std::string message;       // empty: the peer lacks nothing (or is behind)
  bool behind = false;       // the peer lacks units collected here: send it State pages
  VersionVector theirsAfter; // the peer's vector once it applied this batch
  size_t units = 0;
};
// The next batch of units (at most maxBytes, at least one) a peer at `theirs` lacks.
OutgoingChanges changesMessage(Engine& engine, const VersionVector& theirs, size_t maxBytes,
                               const TableFilter& readable = nullptr);

struct OutgoingState {
  std::string message;
  std::string nextCursor;  // empty: that was the last page
};
OutgoingState stateMessage(Engine& engine, const std::string& cursor, size_t maxBytes,
                           const TableFilter& readable = nullptr);

struct Received {
  MessageType type = MessageType::Hello;
  uint64_t site = 0;       // the sender
  uint64_t clock = 0;      // Hello
  VersionVector vector;    // Hello: the sender's
  size_t applied = 0, duplicates = 0, gaps = 0, refused = 0, voided = 0, conflicts = 0;
  std::vector<std::string> errors;  // why units were refused or voided
  bool stateDone = false;           // State: that was the last page
  std::string stateCursor;          // State: ask for the page after this one with it
};
// Applies a message at engine time `nowMillis`. `writable` (the hub's permissions for the
// sender): units writing other tables are voided, tables are created only when writable.
// Throws storage::DecodeError for a malformed message or a newer protocol version (nothing
// applied then; a Changes message applies unit by unit, each whole).
Received receiveMessage(Engine& engine, std::string_view message, int64_t nowMillis,
                        const TableFilter& writable = nullptr);

// What sync holds, as JSON: {"Site", "Enabled", "Vector": {site: "hlc"}, "RetainedUnits",
// "RetainedBytes", "Tombstones" (hidden-state entries), "TombstonesCollected" (since open), "Peers": {site: {site: "hlc"}} (their
// reported vectors), "Seen" (the same shape: the seen matrix, seen_matrix.h), "LastConflictId"}. Site ids are numbers, hlc values decimal text (64 bits).
std::string statusJson(Engine& engine);

// `vector` raised by what `message` brings once applied: each unit of a Changes message, the
// starting vector of a last State page (a store-and-forward hub, such as a DynamoDB table, tracks
// what it holds this way). Throws storage::DecodeError for a malformed message.
VersionVector vectorAfter(const VersionVector& vector, std::string_view message);

// Just the type and sender of a message, without applying it (transports route on these).
MessageType messageType(std::string_view message);

}  // namespace shoal::sync
