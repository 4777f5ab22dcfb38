// Every DynamoDB limit that ShoalDB enforces, in one place. Values are DynamoDB's documented
// service quotas; change them here and nowhere else.
#pragma once
#include <cstddef>
#include <cstdint>

namespace shoal::limits {

// Items and attributes
inline constexpr size_t kMaxItemBytes = 400 * 1024;          // item size, names + values
inline constexpr size_t kMaxPartitionKeyBytes = 2048;       // encoded partition key value
inline constexpr size_t kMaxSortKeyBytes = 1024;            // encoded sort key value
inline constexpr size_t kMaxAttributeNameBytes = 64 * 1024;  // non-key attribute name
inline constexpr size_t kMaxKeyAttributeNameBytes = 255;    // key and index key names
inline constexpr int kMaxNestingDepth = 32;                 // nested maps/lists

// Numbers
inline constexpr int kNumberMaxDigits = 38;       // significant digits
inline constexpr int kNumberMinExponent = -130;   // smallest magnitude 1E-130
inline constexpr int kNumberMaxExponent = 125;    // largest magnitude 9.99..9E+125

// Tables
inline constexpr size_t kTableNameMin = 3;
inline constexpr size_t kTableNameMax = 255;
inline constexpr int kListTablesMaxLimit = 100;
inline constexpr size_t kMaxLocalIndexes = 5;
inline constexpr size_t kMaxGlobalIndexes = 20;
inline constexpr size_t kMaxProjectedNonKeyAttributes = 100;  // across all indexes of a table

// Reads
inline constexpr size_t kMaxPageBytes = 1024 * 1024;  // Query/Scan page, before filtering

// Throughput (DescribeLimits' default quotas; the burst DynamoDB keeps for provisioned tables)
inline constexpr int64_t kAccountMaxCapacityUnits = 80000;  // read, and write, per account
inline constexpr int64_t kTableMaxCapacityUnits = 40000;    // read, and write, per table
inline constexpr double kBurstSeconds = 300;                // unused capacity kept for bursts

// Tags and endpoints
inline constexpr size_t kMaxTagsPerResource = 50;
inline constexpr size_t kMaxTagKeyLength = 128;    // Unicode characters
inline constexpr size_t kMaxTagValueLength = 256;  // Unicode characters
inline constexpr int64_t kEndpointCachePeriodMinutes = 1440;  // DescribeEndpoints

// Batches and transactions
inline constexpr size_t kMaxBatchGetKeys = 100;                       // keys of one BatchGetItem
inline constexpr size_t kMaxBatchGetResponseBytes = 16 * 1024 * 1024;  // then UnprocessedKeys
inline constexpr size_t kMaxBatchWriteRequests = 25;                  // puts + deletes of one call
inline constexpr size_t kMaxTransactionActions = 100;                 // TransactWrite/GetItems
inline constexpr size_t kMaxTransactionBytes = 4 * 1024 * 1024;       // aggregate item size
inline constexpr size_t kClientRequestTokenMax = 36;                  // ClientRequestToken length
inline constexpr int64_t kIdempotencyWindowMillis = 10 * 60 * 1000;   // a token's lifetime

// Time to live and streams. The TTL and Streams figures are DynamoDB's; the sweep's and the
// retained-bytes bound are ShoalDB's own (DynamoDB documents no size bound, only 24 hours).
inline constexpr int64_t kTtlMaxPastSeconds = int64_t(5) * 365 * 24 * 3600;  // older values never expire
inline constexpr size_t kTtlAttributeNameMax = 255;                           // TimeToLiveSpecification
inline constexpr int64_t kTtlSweepIntervalMillis = 1000;  // engine time between two automatic sweeps
inline constexpr size_t kTtlSweepMaxItems = 1000;         // deletes one sweep commits at most
inline constexpr int64_t kStreamRetentionMillis = int64_t(24) * 3600 * 1000;  // records kept 24 hours
inline constexpr size_t kStreamMaxRetainedBytes = 8 * 1024 * 1024;  // per stream: SizeBytes summed
inline constexpr int64_t kShardIteratorLifetimeMillis = 15 * 60 * 1000;   // then ExpiredIterator
inline constexpr int kGetRecordsMaxLimit = 1000;
inline constexpr size_t kGetRecordsMaxBytes = 1024 * 1024;  // one GetRecords response
inline constexpr int kListStreamsMaxLimit = 100;
inline constexpr int kDescribeStreamMaxLimit = 100;

// Expressions (ConditionExpression, FilterExpression, KeyConditionExpression, UpdateExpression,
// ProjectionExpression): DynamoDB's documented quotas, except kMaxExpressionNesting, ShoalDB's
// own bound on parser recursion (DynamoDB documents none, and the wasm stack is 1 MB).
inline constexpr size_t kMaxExpressionBytes = 4096;              // one expression string
inline constexpr size_t kMaxExpressionPlaceholderBytes = 255;    // "#name" / ":value" keys
inline constexpr size_t kMaxExpressionSubstitutionBytes = 2 * 1024 * 1024;  // all names + values
inline constexpr int kMaxExpressionOperators = 300;              // operators and functions
inline constexpr int kMaxInOperands = 100;                       // IN: the left operand + its list
inline constexpr int kMaxDocumentPathDepth = 32;                 // elements of a.b[1].c
inline constexpr int kMaxExpressionNesting = 128;                // parentheses, NOT and functions

// PartiQL (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction)
inline constexpr size_t kMaxStatementLength = 8192;       // one statement's text
inline constexpr size_t kMaxNextTokenLength = 32768;      // ExecuteStatement's NextToken
inline constexpr size_t kMaxBatchStatements = 25;         // statements of one BatchExecuteStatement
inline constexpr size_t kMaxTransactionStatements = 100;  // statements of one ExecuteTransaction

// Backups and point-in-time recovery. DynamoDB's figures, except the per-table byte bound of a
// point-in-time history, ShoalDB's own (DynamoDB keeps 35 days whatever the write rate; an
// engine in a browser tab cannot): past it the oldest changes are forgotten and the table's
// EarliestRestorableDateTime moves forward. Engine::setPointInTimeRecoveryLimits overrides it.
inline constexpr int64_t kMillisPerDay = int64_t(24) * 3600 * 1000;
inline constexpr size_t kBackupNameMin = 3;                 // BackupName, [a-zA-Z0-9_.-]+
inline constexpr size_t kBackupNameMax = 255;
inline constexpr size_t kBackupArnMin = 37;                 // BackupArn, ExclusiveStartBackupArn
inline constexpr size_t kBackupArnMax = 1024;
inline constexpr size_t kTableNameOrArnMax = 1024;          // TableName where an ARN is accepted too
inline constexpr int kListBackupsMaxLimit = 100;
inline constexpr int64_t kPitrDefaultRecoveryPeriodDays = 35;
inline constexpr int64_t kPitrMinRecoveryPeriodDays = 1;     // RecoveryPeriodInDays
inline constexpr int64_t kPitrMaxRecoveryPeriodDays = 35;
inline constexpr int64_t kSystemBackupRetentionMillis = 35 * kMillisPerDay;  // a deleted table's backup
inline constexpr size_t kPitrMaxRetainedBytesPerTable = size_t(64) * 1024 * 1024;

// Multi-master sync (ShoalDB's own; core/sync/SYNC.md).
inline constexpr size_t kSyncMaxConflicts = 1000;  // conflicts a peer keeps queryable, newest

// Storage (ShoalDB's own bounds on what a decoder of stored bytes accepts; a bad length or a
// deep nesting in a damaged file is refused instead of exhausting memory or the wasm stack).
inline constexpr int kMaxStoredNestingDepth = 2 * kMaxNestingDepth;  // values in log/snapshot
inline constexpr size_t kMaxLogRecordBytes = size_t(1) << 30;         // one log record payload
inline constexpr uint64_t kMaxSnapshotBodyBytes = uint64_t(1) << 32;  // uncompressed snapshot body

}  // namespace shoal::limits
