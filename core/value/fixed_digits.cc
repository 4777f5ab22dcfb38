#include "value/fixed_digits.h"

namespace shoal {

namespace {

void appendDigits(std::string& out, uint64_t value, int width, unsigned base) {
  char digits[64];
  int n = 0;
  do {
    digits[n++] = "0123456789abcdef"[value % base];
    value /= base;
  } while (value != 0);
  for (int pad = width - n; pad > 0; --pad) out += '0';
  while (n > 0) out += digits[--n];
}

}  // namespace

void appendHex(std::string& out, uint64_t value, int width) { appendDigits(out, value, width, 16); }

void appendDecimal(std::string& out, int64_t value, int width) {
  if (value < 0) {
    out += '-';
    // Negated as unsigned, so INT64_MIN works too.
    appendDigits(out, 0 - static_cast<uint64_t>(value), width - 1, 10);
  } else {
    appendDigits(out, static_cast<uint64_t>(value), width, 10);
  }
}

}  // namespace shoal
