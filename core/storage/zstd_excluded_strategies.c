// Stand-ins for the parts of zstd 1.5.4 that ShoalDB leaves out of its build (CMakeLists.txt
// compiles zstd without lib/compress/zstd_fast.c, zstd_lazy.c, zstd_opt.c, zstd_ldm.c and
// zstdmt_compress.c).
//
// Why: ShoalDB compresses with zstd at one level only (kSnapshotZstdLevel = 3 in
// snapshot_format.h), which selects the dfast strategy at every source size (lib/compress/
// clevels.h), with no dictionary and no long-distance matching. zstd still links the block
// compressors of every strategy, because ZSTD_selectBlockCompressor() picks them from a table,
// and they were about half of zstd's code in the wasm engine. zstd 1.5.4 has no switch to drop
// them (1.5.6 added ZSTD_EXCLUDE_*), so the table's entries for the fast, greedy, lazy, lazy2,
// btlazy2, btopt, btultra and btultra2 strategies (plain, row, extDict, dictMatchState and
// dedicated-dict variants), the dictionary loaders those strategies use, and the long-distance
// matcher are defined here instead. (zstdmt_compress.c is unused: zstd is built without
// ZSTD_MULTITHREAD.)
//
// None of them can run while the level stays pinned: zstd_strategies_test.cc checks that the
// pinned level maps to a kept strategy at every source size. If one is reached anyway (someone
// changed the level or enabled LDM), it stops the process with a message that says why: a block
// compressor's result is used as a length without an error check, so returning an error code
// would corrupt memory, and producing a different frame silently would be worse.
#include <stdio.h>
#include <stdlib.h>

#include "compress/zstd_fast.h"
#include "compress/zstd_lazy.h"
#include "compress/zstd_ldm.h"
#include "compress/zstd_opt.h"

// fputs, not fprintf: nothing else in the wasm engine formats with printf, which would cost ~8 KB.
static void excluded(const char* what) {
  fputs("shoaldb: zstd's ", stderr);
  fputs(what, stderr);
  fputs(" was left out of this build (ShoalDB compresses at level 3, the dfast strategy, without "
        "long-distance matching; see core/storage/zstd_excluded_strategies.c)\n",
        stderr);
  abort();
}

#define EXCLUDED_BLOCK_COMPRESSOR(name)                                                             \
  size_t name(ZSTD_matchState_t* ms, seqStore_t* seqStore, U32 rep[ZSTD_REP_NUM], void const* src, \
              size_t srcSize) {                                                                     \
    (void)ms, (void)seqStore, (void)rep, (void)src, (void)srcSize;                                  \
    excluded(#name);                                                                                \
    return 0;                                                                                       \
  }

// zstd_fast.c
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_fast)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_fast_extDict)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_fast_dictMatchState)

// zstd_lazy.c
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_greedy)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy2)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_btlazy2)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_greedy_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy2_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_greedy_extDict)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy_extDict)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy2_extDict)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_btlazy2_extDict)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_greedy_extDict_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy_extDict_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy2_extDict_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_greedy_dictMatchState)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy_dictMatchState)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy2_dictMatchState)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_btlazy2_dictMatchState)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_greedy_dictMatchState_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy_dictMatchState_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy2_dictMatchState_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_greedy_dedicatedDictSearch)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy_dedicatedDictSearch)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy2_dedicatedDictSearch)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_greedy_dedicatedDictSearch_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy_dedicatedDictSearch_row)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_lazy2_dedicatedDictSearch_row)

// zstd_opt.c
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_btopt)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_btultra)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_btultra2)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_btopt_extDict)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_btultra_extDict)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_btopt_dictMatchState)
EXCLUDED_BLOCK_COMPRESSOR(ZSTD_compressBlock_btultra_dictMatchState)

// The match-table fillers ZSTD_loadDictionaryContent() calls for those strategies only.
void ZSTD_fillHashTable(ZSTD_matchState_t* ms, void const* end, ZSTD_dictTableLoadMethod_e dtlm,
                        ZSTD_tableFillPurpose_e tfp) {
  (void)ms, (void)end, (void)dtlm, (void)tfp;
  excluded("ZSTD_fillHashTable");
}
U32 ZSTD_insertAndFindFirstIndex(ZSTD_matchState_t* ms, const BYTE* ip) {
  (void)ms, (void)ip;
  excluded("ZSTD_insertAndFindFirstIndex");
  return 0;
}
void ZSTD_row_update(ZSTD_matchState_t* const ms, const BYTE* ip) {
  (void)ms, (void)ip;
  excluded("ZSTD_row_update");
}
void ZSTD_dedicatedDictSearch_lazy_loadDictionary(ZSTD_matchState_t* ms, const BYTE* const ip) {
  (void)ms, (void)ip;
  excluded("ZSTD_dedicatedDictSearch_lazy_loadDictionary");
}
void ZSTD_updateTree(ZSTD_matchState_t* ms, const BYTE* ip, const BYTE* iend) {
  (void)ms, (void)ip, (void)iend;
  excluded("ZSTD_updateTree");
}

// zstd_ldm.c: long-distance matching is off unless ZSTD_c_enableLongDistanceMatching is set, or
// the strategy is btopt or above with a window of 128 MiB or more. zstd_compress.c asks for the
// tables' sizes (0 when off) and skips external sequences (none: ShoalDB never references any)
// on every call; those keep their original meaning, and the rest stops.
size_t ZSTD_ldm_getTableSize(ldmParams_t params) {
  if (params.enableLdm == ZSTD_ps_enable) excluded("long-distance matcher (ZSTD_ldm_getTableSize)");
  return 0;
}
size_t ZSTD_ldm_getMaxNbSeq(ldmParams_t params, size_t maxChunkSize) {
  (void)maxChunkSize;
  if (params.enableLdm == ZSTD_ps_enable) excluded("long-distance matcher (ZSTD_ldm_getMaxNbSeq)");
  return 0;
}
void ZSTD_ldm_skipSequences(rawSeqStore_t* rawSeqStore, size_t srcSize, U32 const minMatch) {
  (void)minMatch;
  if (srcSize > 0 && rawSeqStore->pos < rawSeqStore->size) excluded("ZSTD_ldm_skipSequences");
}
void ZSTD_ldm_skipRawSeqStoreBytes(rawSeqStore_t* rawSeqStore, size_t nbBytes) {
  if (rawSeqStore->posInSequence + nbBytes > 0 && rawSeqStore->pos < rawSeqStore->size)
    excluded("ZSTD_ldm_skipRawSeqStoreBytes");
  rawSeqStore->posInSequence = 0;
}
void ZSTD_ldm_adjustParameters(ldmParams_t* params, ZSTD_compressionParameters const* cParams) {
  (void)params, (void)cParams;
  excluded("long-distance matcher (ZSTD_ldm_adjustParameters)");
}
void ZSTD_ldm_fillHashTable(ldmState_t* state, const BYTE* ip, const BYTE* iend, ldmParams_t const* params) {
  (void)state, (void)ip, (void)iend, (void)params;
  excluded("long-distance matcher (ZSTD_ldm_fillHashTable)");
}
size_t ZSTD_ldm_generateSequences(ldmState_t* ldms, rawSeqStore_t* sequences, ldmParams_t const* params,
                                  void const* src, size_t srcSize) {
  (void)ldms, (void)sequences, (void)params, (void)src, (void)srcSize;
  excluded("long-distance matcher (ZSTD_ldm_generateSequences)");
  return 0;
}
size_t ZSTD_ldm_blockCompress(rawSeqStore_t* rawSeqStore, ZSTD_matchState_t* ms, seqStore_t* seqStore,
                              U32 rep[ZSTD_REP_NUM], ZSTD_paramSwitch_e useRowMatchFinder, void const* src,
                              size_t srcSize) {
  (void)rawSeqStore, (void)ms, (void)seqStore, (void)rep, (void)useRowMatchFinder, (void)src, (void)srcSize;
  excluded("long-distance matcher (ZSTD_ldm_blockCompress)");
  return 0;
}
