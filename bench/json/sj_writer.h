// Writes a simdjson DOM element through a RapidJSON Writer: the combination an engine would use if
// it parsed with simdjson (whose DOM is read-only and has no writer for new documents) and kept
// RapidJSON's Writer for the responses it builds.
#pragma once

#include <cstdint>
#include <string_view>

#include <rapidjson/writer.h>
#include <simdjson.h>

template <class Writer>
void sj_write(simdjson::dom::element e, Writer& w) {
  using T = simdjson::dom::element_type;
  switch (e.type()) {
    case T::OBJECT: {
      simdjson::dom::object obj = e.get_object().value_unsafe();  // a copy: the result is a temporary
      w.StartObject();
      for (auto field : obj) {
        w.Key(field.key.data(), static_cast<rapidjson::SizeType>(field.key.size()));
        sj_write(field.value, w);
      }
      w.EndObject();
      break;
    }
    case T::ARRAY: {
      simdjson::dom::array arr = e.get_array().value_unsafe();
      w.StartArray();
      for (auto x : arr) sj_write(x, w);
      w.EndArray();
      break;
    }
    case T::STRING: {
      std::string_view s = e.get_string().value_unsafe();
      w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
      break;
    }
    case T::INT64: w.Int64(e.get_int64().value_unsafe()); break;
    case T::UINT64: w.Uint64(e.get_uint64().value_unsafe()); break;
    case T::DOUBLE: w.Double(e.get_double().value_unsafe()); break;
    case T::BOOL: w.Bool(e.get_bool().value_unsafe()); break;
    case T::NULL_VALUE: w.Null(); break;
  }
}
