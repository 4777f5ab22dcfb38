#include <catch2/catch_test_macros.hpp>

#include "storage/coding.h"
#include "storage/crc32c.h"
#include "storage/log_format.h"
#include "storage/log_reader.h"
#include "storage/log_writer.h"
#include "storage/recovery.h"
#include "storage/storage_test_util.h"

using namespace shoal;
using namespace shoal::storage;
using namespace shoal::storage::testing;

namespace {

// Offsets where each record of `log` starts, plus log.size() at the end.
std::vector<size_t> recordBoundaries(std::string_view log) {
  std::vector<size_t> starts;
  LogReader reader(log);
  while (reader.next()) starts.push_back(reader.recordStart());
  REQUIRE(reader.stop() == LogStop::End);
  starts.push_back(log.size());
  return starts;
}

std::string replayed(std::string_view log, RecoveryResult* result = nullptr) {
  Catalog c(1);
  RecoveryResult r = recover("", log, c);
  REQUIRE(r.ok);
  if (result) *result = r;
  return catalogBytes(c);
}

}  // namespace

TEST_CASE("The log is off until enabled, so memory-only databases write nothing", "[storage][log]") {
  Engine e;
  buildState(e, 5);
  CHECK_FALSE(e.logEnabled());
  CHECK(e.takeLogRecords().empty());
  CHECK(e.logSequence() == 0);
}

TEST_CASE("A log of many records replays to an identical catalog", "[storage][log]") {
  Engine e;
  e.enableLog();
  buildState(e, 300);
  std::string log = e.takeLogRecords();
  CHECK(e.takeLogRecords().empty());  // taken once

  RecoveryResult r;
  CHECK(replayed(log, &r) == catalogBytes(e.catalog()));
  CHECK(r.stop == LogStop::End);
  CHECK(r.recordsApplied == e.logSequence());
  CHECK(r.lastSequence == e.logSequence());
  CHECK(r.logBytesValid == log.size());
  CHECK(r.logBytesDropped == 0);
}

TEST_CASE("Taking records in pieces gives the same log", "[storage][log]") {
  Engine e;
  e.enableLog();
  std::string log;
  ok(e, "CreateTable", createTableJson("Tbl"));
  log += e.takeLogRecords();
  for (int i = 0; i < 50; ++i) {
    ok(e, "PutItem", itemJson("Tbl", i));
    if (i % 7 == 0) log += e.takeLogRecords();
  }
  log += e.takeLogRecords();
  CHECK(replayed(log) == catalogBytes(e.catalog()));
}

TEST_CASE("Each record carries its sequence and the change's stamp and site", "[storage][log]") {
  Engine e(42);
  e.enableLog();
  ok(e, "CreateTable", createTableJson("Tbl"));
  ok(e, "PutItem", itemJson("Tbl", 1), kNow + 5);
  ok(e, "DeleteItem", deleteJson("Tbl", 1), kNow + 6);
  ok(e, "DeleteTable", R"({"TableName":"Tbl"})");
  std::string log = e.takeLogRecords();
  LogReader reader(log);
  std::vector<LogRecord> records;
  while (auto r = reader.next()) records.push_back(std::move(*r));
  REQUIRE(records.size() == 4);
  CHECK(records[0].type == RecordType::CreateTable);
  CHECK(records[0].schema.name == "Tbl");
  CHECK(records[1].type == RecordType::Commit);
  CHECK(records[1].stamp.hlc == uint64_t(kNow + 5) << 16);
  CHECK(records[1].stamp.site == 42);
  REQUIRE(records[1].change.writes.size() == 1);
  CHECK(records[1].change.writes[0].item->attributes.at("name").stamp == records[1].stamp);
  CHECK(records[2].type == RecordType::Commit);
  CHECK_FALSE(records[2].change.writes[0].item);
  CHECK(records[3].type == RecordType::DeleteTable);
  CHECK(records[3].tableName == "Tbl");
  for (size_t i = 0; i < records.size(); ++i) CHECK(records[i].sequence == i + 1);
  CHECK(records[3].stamp.hlc >= records[2].stamp.hlc);
}

TEST_CASE("A torn tail at every byte of the last record is dropped cleanly", "[storage][log]") {
  Engine e;
  e.enableLog();
  buildState(e, 20);
  std::string log = e.takeLogRecords();
  std::vector<size_t> starts = recordBoundaries(log);
  size_t lastStart = starts[starts.size() - 2];

  // What the catalog held before the last record.
  Catalog before(1);
  RecoveryResult beforeResult = recover("", std::string_view(log).substr(0, lastStart), before);
  std::string expected = catalogBytes(before);

  for (size_t cut = lastStart; cut < log.size(); ++cut) {
    INFO("cut at " << cut);
    RecoveryResult r;
    CHECK(replayed(std::string_view(log).substr(0, cut), &r) == expected);
    CHECK(r.recordsApplied == beforeResult.recordsApplied);
    CHECK(r.logBytesValid == lastStart);
    CHECK(r.logBytesDropped == cut - lastStart);
    CHECK(r.stop == (cut == lastStart ? LogStop::End : LogStop::Torn));
  }
}

TEST_CASE("A torn tail inside any record keeps every record before it", "[storage][log]") {
  Engine e;
  e.enableLog();
  buildState(e, 10);
  std::string log = e.takeLogRecords();
  std::vector<size_t> starts = recordBoundaries(log);
  for (size_t i = 0; i + 1 < starts.size(); ++i) {
    size_t cut = starts[i] + (starts[i + 1] - starts[i]) / 2;
    RecoveryResult r;
    replayed(std::string_view(log).substr(0, cut), &r);
    CHECK(r.recordsApplied == i);
    CHECK(r.logBytesValid == starts[i]);
    CHECK(r.stop == LogStop::Torn);
  }
}

TEST_CASE("A flipped bit in any record stops replay at that record", "[storage][log]") {
  Engine e;
  e.enableLog();
  ok(e, "CreateTable", createTableJson("Tbl"));
  for (int i = 0; i < 6; ++i) ok(e, "PutItem", itemJson("Tbl", i));
  ok(e, "DeleteItem", deleteJson("Tbl", 2));
  std::string log = e.takeLogRecords();
  std::vector<size_t> starts = recordBoundaries(log);

  std::vector<std::string> prefixes;  // state after the first k records
  for (size_t k = 0; k + 1 < starts.size() + 1; ++k)
    prefixes.push_back(replayed(std::string_view(log).substr(0, starts[k])));

  size_t record = 0;
  for (size_t byte = 0; byte < log.size(); ++byte) {
    while (byte >= starts[record + 1]) ++record;
    for (int bit = 0; bit < 8; bit += 3) {
      std::string damaged = log;
      damaged[byte] ^= static_cast<char>(1 << bit);
      RecoveryResult r;
      std::string state = replayed(damaged, &r);
      INFO("byte " << byte << " bit " << bit << " record " << record << ": " << logStopName(r.stop) << " "
                   << r.stopDetail);
      CHECK(r.recordsApplied == record);
      CHECK(r.logBytesValid == starts[record]);
      CHECK(r.logBytesDropped == log.size() - starts[record]);
      CHECK(state == prefixes[record]);
      CHECK(r.stop != LogStop::End);
    }
  }
}

TEST_CASE("Damage is told apart from a torn tail", "[storage][log]") {
  Engine e;
  e.enableLog();
  ok(e, "CreateTable", createTableJson("Tbl"));
  ok(e, "PutItem", itemJson("Tbl", 1));
  ok(e, "PutItem", itemJson("Tbl", 2));
  std::string log = e.takeLogRecords();
  std::vector<size_t> starts = recordBoundaries(log);
  size_t second = starts[1];
  RecoveryResult r;

  SECTION("zero-filled tail, as a crash may leave it") {
    replayed(log + std::string(100, '\0'), &r);
    CHECK(r.stop == LogStop::Torn);
    CHECK(r.recordsApplied == 3);
  }
  SECTION("zero length in the middle") {
    std::string d = log;
    storeFixed32(&d[second], 0);
    replayed(d, &r);
    CHECK(r.stop == LogStop::BadLength);
    CHECK(r.recordsApplied == 1);
  }
  SECTION("checksum mismatch") {
    std::string d = log;
    d[second + kLogHeaderBytes + 3] ^= 1;
    replayed(d, &r);
    CHECK(r.stop == LogStop::BadChecksum);
    CHECK(r.recordsApplied == 1);
  }
  SECTION("a record from a newer version") {
    std::string d = log;
    d[second + kLogHeaderBytes] = static_cast<char>(kLogFormatVersion + 1);
    uint32_t length = loadFixed32(&d[second]);
    storeFixed32(&d[second + 4], crc32cExtend(crc32cExtend(0, &d[second], 4), &d[second + kLogHeaderBytes], length));
    replayed(d, &r);
    CHECK(r.stop == LogStop::UnsupportedVersion);
    CHECK(r.recordsApplied == 1);
  }
  SECTION("a valid checksum over an undecodable payload") {
    std::string d = log;
    d[second + kLogHeaderBytes + 1] = 99;  // record type
    uint32_t length = loadFixed32(&d[second]);
    storeFixed32(&d[second + 4], crc32cExtend(crc32cExtend(0, &d[second], 4), &d[second + kLogHeaderBytes], length));
    replayed(d, &r);
    CHECK(r.stop == LogStop::Undecodable);
    CHECK(r.recordsApplied == 1);
  }
  SECTION("garbage appended after whole records") {
    replayed(log + "garbage!garbage!", &r);
    CHECK(r.stop == LogStop::BadLength);
    CHECK(r.recordsApplied == 3);
    CHECK(r.logBytesValid == log.size());
  }
}

TEST_CASE("Records out of sequence stop replay", "[storage][log]") {
  Engine e;
  e.enableLog();
  ok(e, "CreateTable", createTableJson("Tbl"));
  ok(e, "PutItem", itemJson("Tbl", 1));
  ok(e, "PutItem", itemJson("Tbl", 2));
  std::string log = e.takeLogRecords();
  std::vector<size_t> starts = recordBoundaries(log);
  RecoveryResult r;

  SECTION("a missing record") {
    std::string d = log.substr(0, starts[1]) + log.substr(starts[2]);
    replayed(d, &r);
    CHECK(r.stop == LogStop::SequenceGap);
    CHECK(r.recordsApplied == 1);
    CHECK(r.logBytesValid == starts[1]);
  }
  SECTION("a repeated record") {
    std::string d = log + log.substr(starts[1], starts[2] - starts[1]);
    replayed(d, &r);
    CHECK(r.stop == LogStop::Inconsistent);
    CHECK(r.recordsApplied == 3);
    CHECK(r.logBytesValid == log.size());
  }
  SECTION("a log that does not start at the beginning") {
    replayed(log.substr(starts[1]), &r);
    CHECK(r.stop == LogStop::SequenceGap);
    CHECK(r.recordsApplied == 0);
  }
  SECTION("a write to a table the log never created") {
    std::string d = log;
    ChangeSet change{Stamp{1, 1}, {ItemWrite{"Nope", "k", std::nullopt}}};
    appendCommitRecord(d, 4, change);
    replayed(d, &r);
    CHECK(r.stop == LogStop::Inconsistent);
    CHECK(r.recordsApplied == 3);
    CHECK(r.logBytesValid == log.size());
  }
}
