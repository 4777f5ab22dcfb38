#include "api/time_format.h"

#include "value/fixed_digits.h"

namespace shoal {

std::string isoTimestamp(int64_t millis) {
  int64_t secs = millis / 1000, ms = millis % 1000;
  if (ms < 0) {
    ms += 1000;
    --secs;
  }
  int64_t days = secs / 86400, rem = secs % 86400;
  if (rem < 0) {
    rem += 86400;
    --days;
  }
  // Days since 1970-01-01 to a civil date (proleptic Gregorian), by 400-year eras.
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t d = doy - (153 * mp + 2) / 5 + 1;
  int64_t m = mp < 10 ? mp + 3 : mp - 9;
  if (m <= 2) ++y;
  std::string out;
  appendDecimal(out, y, 4);
  out += '-';
  appendDecimal(out, m, 2);
  out += '-';
  appendDecimal(out, d, 2);
  out += 'T';
  appendDecimal(out, rem / 3600, 2);
  out += ':';
  appendDecimal(out, (rem % 3600) / 60, 2);
  out += ':';
  appendDecimal(out, rem % 60, 2);
  out += '.';
  appendDecimal(out, ms, 3);
  return out;
}

}  // namespace shoal
