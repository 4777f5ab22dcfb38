// nlohmann::json: parse a PutItem and print it back.
#include <cstdio>
#include <exception>

#include <nlohmann/json.hpp>

#include "sample_putitem.h"

int main() {
  try {
    std::puts(nlohmann::json::parse(kPutItem, kPutItem + sizeof kPutItem - 1).dump().c_str());
  } catch (const std::exception& e) {
    std::printf("error: %s\n", e.what());
    return 1;
  }
  return 0;
}
