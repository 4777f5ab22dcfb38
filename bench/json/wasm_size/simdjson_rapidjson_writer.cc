// simdjson DOM parse + RapidJSON Writer: parse a PutItem and print it back.
#include <cstdio>

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <simdjson.h>

#include "../sj_writer.h"
#include "sample_putitem.h"

int main() {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  auto err = parser.parse(kPutItem, sizeof kPutItem - 1).get(doc);
  if (err) {
    std::printf("error: %s\n", simdjson::error_message(err));
    return 1;
  }
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  sj_write(doc, w);
  std::puts(buf.GetString());
  return 0;
}
