// The sync part of the Embind binding (core/sync/protocol.h): protocol messages, version
// vectors and cursors cross as Uint8Array (opaque to JS), results as plain objects, status and
// conflicts as JSON text. One crossing per message, never per unit or item.
#pragma once
#include <emscripten/val.h>

#include <set>
#include <string>

#include "api/engine.h"
#include "storage/decode_error.h"
#include "sync/protocol.h"

namespace wasm_sync {

using emscripten::val;

// null/undefined: every table; an array of names: those only.
inline shoal::sync::TableFilter tableFilter(const val& tables) {
  if (tables.isNull() || tables.isUndefined()) return nullptr;
  std::set<std::string> names;
  size_t n = tables["length"].as<size_t>();
  for (size_t i = 0; i < n; ++i) names.insert(tables[i].as<std::string>());
  return [names = std::move(names)](const std::string& table) { return names.count(table) != 0; };
}

inline shoal::sync::VersionVector vectorOf(const std::string& bytes) {
  shoal::storage::ByteReader in(bytes);
  shoal::sync::VersionVector v = shoal::sync::VersionVector::decode(in);
  in.expectEnd("version vector");
  return v;
}

inline std::string vectorBytes(const shoal::sync::VersionVector& v) {
  std::string out;
  v.encode(out);
  return out;
}

template <typename ToBytes>
val receive(shoal::Engine& engine, const std::string& message, double now, const val& writable, ToBytes toBytes) {
  val out = val::object();
  shoal::sync::Received r;
  try {
    r = shoal::sync::receiveMessage(engine, message, static_cast<int64_t>(now), tableFilter(writable));
  } catch (const shoal::storage::DecodeError& e) {
    out.set("error", std::string(e.what()));
    out.set("unsupportedVersion", e.failure() == shoal::storage::DecodeFailure::UnsupportedVersion);
    return out;
  }
  static const char* kTypes[] = {"", "hello", "changes", "state"};
  out.set("type", std::string(kTypes[static_cast<int>(r.type)]));
  out.set("site", static_cast<double>(r.site));
  if (r.type == shoal::sync::MessageType::Hello) out.set("vector", toBytes(vectorBytes(r.vector)));
  out.set("applied", static_cast<double>(r.applied));
  out.set("duplicates", static_cast<double>(r.duplicates));
  out.set("gaps", static_cast<double>(r.gaps));
  out.set("refused", static_cast<double>(r.refused));
  out.set("voided", static_cast<double>(r.voided));
  out.set("conflicts", static_cast<double>(r.conflicts));
  val errors = val::array();
  for (const auto& e : r.errors) errors.call<void>("push", e);
  out.set("errors", errors);
  out.set("stateDone", r.stateDone);
  return out;
}

template <typename ToBytes>
val changes(shoal::Engine& engine, const std::string& theirs, double maxBytes, const val& readable, ToBytes toBytes) {
  shoal::sync::OutgoingChanges o =
      shoal::sync::changesMessage(engine, vectorOf(theirs), static_cast<size_t>(maxBytes), tableFilter(readable));
  val out = val::object();
  out.set("message", o.message.empty() ? val::null() : toBytes(o.message));
  out.set("behind", o.behind);
  out.set("vector", toBytes(vectorBytes(o.theirsAfter)));
  out.set("units", static_cast<double>(o.units));
  return out;
}

template <typename ToBytes>
val state(shoal::Engine& engine, const std::string& cursor, double maxBytes, const val& readable, ToBytes toBytes) {
  shoal::sync::OutgoingState o =
      shoal::sync::stateMessage(engine, cursor, static_cast<size_t>(maxBytes), tableFilter(readable));
  val out = val::object();
  out.set("message", toBytes(o.message));
  out.set("cursor", o.nextCursor.empty() ? val::null() : toBytes(o.nextCursor));
  return out;
}

}  // namespace wasm_sync
