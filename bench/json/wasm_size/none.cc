// Baseline: no JSON library, prints the request as is (the runtime and the sample's bytes).
#include <cstdio>

#include "sample_putitem.h"

int main() {
  std::puts(kPutItem);
  return 0;
}
