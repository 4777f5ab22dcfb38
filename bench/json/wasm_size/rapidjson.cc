// RapidJSON: parse a PutItem with the engine's flags (core/json/json.cc) and print it back.
#include <cstdio>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "sample_putitem.h"

int main() {
  rapidjson::Document d;
  d.Parse<rapidjson::kParseIterativeFlag | rapidjson::kParseValidateEncodingFlag>(kPutItem, sizeof kPutItem - 1);
  if (d.HasParseError()) {
    std::printf("error: %s\n", rapidjson::GetParseError_En(d.GetParseError()));
    return 1;
  }
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> w(buf);
  d.Accept(w);
  std::puts(buf.GetString());
  return 0;
}
