// ShoalDB builds zstd with only the dfast block compressor (core/storage/zstd_excluded_strategies.c
// stands in for the rest). These tests hold that choice in place: the level snapshots and log
// records use picks dfast at every input size, a level-3 frame is the one the full zstd library
// writes, and reaching an excluded compressor stops the process with a message instead of writing
// a wrong frame.
#define ZSTD_STATIC_LINKING_ONLY
#include <zstd.h>

#include <catch2/catch_test_macros.hpp>
#include <cstdint>
#include <csignal>
#include <string>
#include <sys/wait.h>
#include <unistd.h>

#include "storage/crc32c.h"
#include "storage/snapshot_format.h"

namespace {

// A deterministic 4 MiB of text-like bytes with repeats near and far (what dfast is good at).
std::string sampleInput() {
  std::string in(4u << 20, '\0');
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<char>("abcdefghij"[(i * 7 + i / 13) % 10] ^ (i % 97 == 0));
  return in;
}

// Compresses the way ZstdWriter and the snapshot writer do: level and checksum flag set, input fed
// in pieces through ZSTD_compressStream2 (so the window wraps and the extDict path runs too).
std::string compressStreaming(const std::string& in, int level, bool longDistance = false) {
  ZSTD_CCtx* ctx = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(ctx, ZSTD_c_compressionLevel, level);
  ZSTD_CCtx_setParameter(ctx, ZSTD_c_checksumFlag, 0);
  if (longDistance) ZSTD_CCtx_setParameter(ctx, ZSTD_c_enableLongDistanceMatching, 1);
  std::string out(ZSTD_compressBound(in.size()), '\0');
  ZSTD_outBuffer ob{out.data(), out.size(), 0};
  const size_t piece = 100000;
  for (size_t at = 0; at < in.size(); at += piece) {
    ZSTD_inBuffer ib{in.data() + at, std::min(piece, in.size() - at), 0};
    ZSTD_EndDirective mode = at + piece >= in.size() ? ZSTD_e_end : ZSTD_e_continue;
    size_t left;
    do {
      left = ZSTD_compressStream2(ctx, &ob, &ib, mode);
      REQUIRE_FALSE(ZSTD_isError(left));
    } while (mode == ZSTD_e_end ? left != 0 : ib.pos < ib.size);
  }
  ZSTD_freeCCtx(ctx);
  out.resize(ob.pos);
  return out;
}

struct ChildOutcome {
  bool aborted = false;
  std::string stderrText;
};

// Runs fn in a child process and reports whether it died of SIGABRT, and what it wrote to stderr.
template <typename Fn>
ChildOutcome runInChild(Fn fn) {
  int pipeFds[2];
  REQUIRE(pipe(pipeFds) == 0);
  pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    dup2(pipeFds[1], STDERR_FILENO);
    close(pipeFds[0]);
    fn();
    _exit(0);
  }
  close(pipeFds[1]);
  ChildOutcome outcome;
  char buf[512];
  for (ssize_t got; (got = read(pipeFds[0], buf, sizeof buf)) > 0;) outcome.stderrText.append(buf, got);
  close(pipeFds[0]);
  int status = 0;
  REQUIRE(waitpid(pid, &status, 0) == pid);
  outcome.aborted = WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
  return outcome;
}

}  // namespace

TEST_CASE("The snapshot level picks the dfast strategy at every input size", "[storage][zstd]") {
  // zstd has four parameter tables (over 256 KB or unknown, up to 256 KB, 128 KB, 16 KB).
  for (unsigned long long size : {0ull, 1ull, 1000ull, 16384ull, 16385ull, 131072ull, 131073ull, 262144ull,
                                  262145ull, 1ull << 30, ZSTD_CONTENTSIZE_UNKNOWN}) {
    ZSTD_compressionParameters params = ZSTD_getCParams(shoal::storage::kSnapshotZstdLevel, size, 0);
    INFO("input size " << size);
    CHECK(params.strategy == ZSTD_dfast);
  }
}

TEST_CASE("A level-3 frame is byte for byte the one the full zstd 1.5.4 writes", "[storage][zstd]") {
  std::string in = sampleInput();
  std::string frame = compressStreaming(in, shoal::storage::kSnapshotZstdLevel);
  // Size and CRC-32C of this frame from zstd 1.5.4 built with every source file (nothing
  // excluded), same input and calls.
  CHECK(frame.size() == 78638);
  CHECK(shoal::storage::crc32c(frame) == 998228109u);
  std::string back(in.size(), '\0');
  size_t got = ZSTD_decompress(back.data(), back.size(), frame.data(), frame.size());
  REQUIRE_FALSE(ZSTD_isError(got));
  CHECK(got == in.size());
  CHECK(back == in);
}

TEST_CASE("An excluded zstd strategy stops the process with a message", "[storage][zstd]") {
  std::string in(300000, 'x');
  for (size_t i = 0; i < in.size(); ++i) in[i] = static_cast<char>('a' + (i * i / 7) % 26);
  struct Case {
    const char* what;
    int level;
    bool longDistance;
  };
  for (Case c : {Case{"fast (level 1)", 1, false}, Case{"lazy2 (level 7)", 7, false},
                 Case{"btultra2 (level 19)", 19, false}, Case{"long-distance matching", 3, true}}) {
    INFO(c.what);
    ChildOutcome outcome = runInChild([&] { compressStreaming(in, c.level, c.longDistance); });
    CHECK(outcome.aborted);
    CHECK(outcome.stderrText.find("was left out of this build") != std::string::npos);
  }
}
