// simdjson: DOM-parse a PutItem and print it back (simdjson::to_string).
#include <cstdio>

#include <simdjson.h>

#include "sample_putitem.h"

int main() {
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  auto err = parser.parse(kPutItem, sizeof kPutItem - 1).get(doc);
  if (err) {
    std::printf("error: %s\n", simdjson::error_message(err));
    return 1;
  }
  std::puts(simdjson::to_string(doc).c_str());
  return 0;
}
