# Which core sources the wasm engine compiles for size (-Oz) instead of speed (-O3): the code no
# item read or write runs. Included by CMakeLists.txt's Emscripten branch, after shoal_core exists.
#
# Why: at -O3 the whole engine was 1.20 MB (445 KB gzipped); -Oz everywhere made it 660 KB (278 KB)
# but the item path 1.3-2.7x slower. The flags are per file and survive -flto: clang marks each
# function of an -Oz file optsize+minsize in the bitcode, and the link-time optimizer inlines and
# unrolls per function accordingly. Figures: README.md, "Size".
#
# Cold: PartiQL, backups and point-in-time recovery, the control plane (table, index, tag, TTL,
# stream and account operations, their parameter readers and description writers), streams,
# snapshots and recovery, sync's state transfer, recovery and protocol framing. Hot (stays -O3):
# the binding's execute, Get/Put/Update/Delete, Query/Scan, batches and transactions, expressions,
# JSON, values, keys, tables and indexes, the write-ahead log's record writer, and the
# throughput and capacity checks every request passes (-Oz there made BatchWriteItem ~1.2x slower).
set(SHOAL_COLD_PATTERNS
    "/core/(partiql|backup|stream)/"
    "/core/api/(partiql_|table_operations|update_table_operation|table_description|table_params)"
    "/core/api/(index_definitions|key_schema_param|tag_operations|resource_tags|time_to_live_operations|ttl_sweep)"
    "/core/api/(stream_operations|account_operations|table_id|time_format|legacy_params)"
    "/core/storage/(snapshot|recovery|schema_codec|backup_|rows_image|zstd_stream|log_reader)"
    "/core/sync/(state_transfer|sync_recovery|conflict_log|protocol)"
    "/core/expr/legacy")
list(JOIN SHOAL_COLD_PATTERNS "|" SHOAL_COLD_REGEX)
# Overrides for experiments, in a build dir of their own (e.g. -DSHOAL_WASM_COLD_REGEX='^$': none).
set(SHOAL_WASM_COLD_REGEX "" CACHE STRING "Override which core sources (a regex on the path) are cold")
set(SHOAL_WASM_COLD_FLAGS "-Oz" CACHE STRING "Compile flags of the wasm engine's cold sources (a list)")
if(SHOAL_WASM_COLD_REGEX)
  set(SHOAL_COLD_REGEX "${SHOAL_WASM_COLD_REGEX}")
endif()

set(SHOAL_COLD_SOURCES ${CORE_SOURCES})
list(FILTER SHOAL_COLD_SOURCES INCLUDE REGEX "${SHOAL_COLD_REGEX}")
# Source properties come after the target's own options on the command line, so -Oz wins over -O3.
set_source_files_properties(${SHOAL_COLD_SOURCES} PROPERTIES COMPILE_OPTIONS "${SHOAL_WASM_COLD_FLAGS}")
