// Public types of the shoaldb package.

/** One DynamoDB attribute value in wire JSON form (binary as base64 strings, numbers as strings). */
export type AttributeValue =
  | { S: string }
  | { N: string }
  | { B: string }
  | { BOOL: boolean }
  | { NULL: true }
  | { M: Record<string, AttributeValue> }
  | { L: AttributeValue[] }
  | { SS: string[] }
  | { NS: string[] }
  | { BS: string[] };

/** An item, key or ExpressionAttributeValues map in wire JSON form. */
export type WireItem = Record<string, AttributeValue>;

/** A value the document API reads or writes. */
export type NativeScalar = string | number | bigint | boolean | null | NumberValue | Uint8Array;
export type NativeValue =
  | NativeScalar
  | ArrayBuffer
  | ArrayBufferView
  | NativeValue[]
  | Set<string>
  | Set<number | bigint | NumberValue>
  | Set<Uint8Array>
  | Map<string, NativeValue>
  | { [name: string]: NativeValue | undefined };

/** An item as the document API returns it. */
export type DocumentItem = Record<string, any>;

export interface MarshallOptions {
  /** Drop undefined properties and list or set members instead of throwing. */
  removeUndefinedValues?: boolean;
  /** Marshall class instances by their own enumerable properties instead of throwing. */
  convertClassInstanceToMap?: boolean;
  /** Accept JS integers beyond Number.MAX_SAFE_INTEGER (their digits may not be what was meant). */
  allowImpreciseNumbers?: boolean;
}

export interface UnmarshallOptions {
  /** Return every number as a NumberValue, not only those a JS number cannot hold exactly. */
  wrapNumbers?: boolean;
}

/** A DynamoDB number kept as its exact decimal string (up to 38 significant digits). */
export class NumberValue {
  constructor(value: string | number | bigint);
  static from(value: string | number | bigint | NumberValue): NumberValue;
  /** The exact decimal string. */
  readonly value: string;
  toString(): string;
  toJSON(): string;
  /** The nearest JS number (may lose precision). */
  toNumber(): number;
  /** The exact value as a bigint; throws RangeError if the number has a fractional part. */
  toBigInt(): bigint;
}

export function marshall(item: Record<string, NativeValue | undefined> | Map<string, NativeValue>, options?: MarshallOptions): WireItem;
export function marshallValue(value: NativeValue, options?: MarshallOptions): AttributeValue;
export function unmarshall(item: WireItem, options?: UnmarshallOptions): DocumentItem;
export function unmarshallValue(value: AttributeValue, options?: UnmarshallOptions): any;

/** A DynamoDB error answered by the engine, shaped like the AWS SDK v3's service exceptions. */
export class ShoalDBError extends Error {
  constructor(name: string, message: string, details?: { httpStatusCode?: number; fields?: Record<string, unknown> });
  /** The short DynamoDB error type, e.g. "ValidationException". */
  name: string;
  $fault: "client" | "server";
  $metadata: { httpStatusCode: number };
  /** TransactionCanceledException: one reason per transaction item. */
  CancellationReasons?: Array<{ Code?: string; Message?: string; Item?: Record<string, any> }>;
  /** ConditionalCheckFailedException with ReturnValuesOnConditionCheckFailure: the item. */
  Item?: Record<string, any>;
  [field: string]: unknown;
}

/**
 * A storage adapter: stores bytes that the engine decides (see js/src/storage/storage-adapter.js).
 * Calls never overlap.
 */
export interface StorageAdapter {
  load(): Promise<{ snapshots: Uint8Array[]; log: Uint8Array }>;
  append(bytes: Uint8Array): Promise<void>;
  checkpoint(snapshot: Uint8Array): Promise<void>;
  truncateLog(length: number): Promise<void>;
  keepDamagedLog?(bytes: Uint8Array): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /**
   * Where tables live: "memory" (nothing stored), "fs" (a folder, Node), "opfs" or "indexeddb"
   * (browsers), or an adapter object. Omitted: memory, unless `path` or `name` is given, which asks
   * for this runtime's durable default (Node: "fs"; browsers: "opfs" where present, else "indexeddb").
   */
  storage?: "memory" | "fs" | "opfs" | "indexeddb" | StorageAdapter;
  /** The folder of storage "fs" (default "shoaldb-data", relative to the working directory). */
  path?: string;
  /** The database's name in OPFS or IndexedDB (default "default"). */
  name?: string;
  /**
   * "strict" (default): a write settles once its log record is flushed to storage. "relaxed": a
   * write settles at once and is flushed within `flushIntervalMs` with the writes around it; a
   * crash can lose that last interval, never corrupt the database.
   */
  durability?: "strict" | "relaxed";
  /** Relaxed durability: the longest a write waits to be flushed (default 5 ms). */
  flushIntervalMs?: number;
  /** Log bytes after which a checkpoint (snapshot, then an empty log) is written (default 4 MiB). */
  checkpointMinBytes?: number;
  /**
   * Encrypts log records and snapshots (AES-GCM) before they reach storage: a WebCrypto AES-GCM
   * CryptoKey, or a passphrase (PBKDF2-SHA256). A wrong key fails to open.
   */
  encryptionKey?: CryptoKey | string;
  /**
   * Emulates provisioned throughput, to test an app's retry logic (default false): a PROVISIONED table
   * (or one of its global secondary indexes) that exceeds its read or write capacity units answers
   * ProvisionedThroughputExceededException, as DynamoDB does. Each has token buckets refilled at its
   * units per second of request time that keep up to 300 seconds of unused capacity (DynamoDB's burst).
   * PAY_PER_REQUEST tables are never throttled.
   */
  throughputEmulation?: boolean;
  /** Browsers: how long open() waits for another tab or worker to close the database. */
  lockTimeoutMs?: number;
  /** The compiled engine, for runtimes that cannot fetch or read it (workerd, Deno, bundlers). */
  wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>;
  /** Where to fetch the engine's wasm from, if not next to the package's dist/ folder. */
  wasmUrl?: string | URL;
  /**
   * Engine time, epoch milliseconds, read once per request (default Date.now): what TTL, streams,
   * backups and point-in-time recovery see as "now". For tests; not with `worker`.
   */
  clock?: () => number;
  /**
   * Bounds of point-in-time recovery: the longest recovery window any table keeps (default and
   * maximum 35 days, DynamoDB's), and the most bytes of prior item images one table's history
   * holds (default 64 MiB); past it the oldest changes are forgotten and the table's
   * EarliestRestorableDateTime moves forward. Options, not stored: pass them at every open.
   */
  pointInTimeRecovery?: { retentionDays?: number; maxRetainedBytes?: number };
  /**
   * Multi-master sync (src/sync/, core/sync/SYNC.md): `{ channel }` syncs with the tabs and workers
   * of one origin (BroadcastChannel), `{ url, token }` with a hub (`npx shoaldb hub`), or both.
   * Not with `worker` yet.
   */
  sync?: import("./sync/index.js").SyncOptions | true;
  /** How the document API marshalls inputs. */
  marshallOptions?: MarshallOptions;
  /** How the document API unmarshalls outputs. */
  unmarshallOptions?: UnmarshallOptions;
}

/** The raw answer of the engine: HTTP status and the response JSON text. */
export interface RawResponse {
  status: number;
  body: string;
}

/** DynamoDB operation names (others are answered with UnknownOperationException). */
export type OperationName =
  | "CreateTable"
  | "DescribeTable"
  | "ListTables"
  | "DeleteTable"
  | "PutItem"
  | "GetItem"
  | "DeleteItem"
  | "UpdateItem"
  | "Query"
  | "Scan"
  | "BatchGetItem"
  | "BatchWriteItem"
  | "TransactGetItems"
  | "TransactWriteItems"
  | "UpdateTimeToLive"
  | "DescribeTimeToLive"
  | "CreateBackup"
  | "DescribeBackup"
  | "ListBackups"
  | "DeleteBackup"
  | "RestoreTableFromBackup"
  | "UpdateContinuousBackups"
  | "DescribeContinuousBackups"
  | "RestoreTableToPointInTime"
  // DynamoDB Streams (the HTTP endpoint routes X-Amz-Target DynamoDBStreams_20120810.* here)
  | "ListStreams"
  | "DescribeStream"
  | "GetShardIterator"
  | "GetRecords"
  | (string & {});

type Wire = Record<string, any>;

/** Document API inputs: @aws-sdk/lib-dynamodb's command inputs, with plain JS values. */
export interface PutInput {
  TableName: string;
  Item: Record<string, NativeValue | undefined>;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, NativeValue>;
  ReturnValues?: "NONE" | "ALL_OLD";
  ReturnConsumedCapacity?: "INDEXES" | "TOTAL" | "NONE";
  ReturnItemCollectionMetrics?: "SIZE" | "NONE";
  ReturnValuesOnConditionCheckFailure?: "ALL_OLD" | "NONE";
  [field: string]: unknown;
}
export interface GetInput {
  TableName: string;
  Key: Record<string, NativeValue>;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ReturnConsumedCapacity?: "INDEXES" | "TOTAL" | "NONE";
  [field: string]: unknown;
}
export interface DeleteInput {
  TableName: string;
  Key: Record<string, NativeValue>;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, NativeValue>;
  ReturnValues?: "NONE" | "ALL_OLD";
  ReturnConsumedCapacity?: "INDEXES" | "TOTAL" | "NONE";
  ReturnItemCollectionMetrics?: "SIZE" | "NONE";
  ReturnValuesOnConditionCheckFailure?: "ALL_OLD" | "NONE";
  [field: string]: unknown;
}
export interface UpdateInput {
  TableName: string;
  Key: Record<string, NativeValue>;
  UpdateExpression?: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, NativeValue>;
  ReturnValues?: "NONE" | "ALL_OLD" | "UPDATED_OLD" | "ALL_NEW" | "UPDATED_NEW";
  [field: string]: unknown;
}
export interface QueryInput {
  TableName: string;
  IndexName?: string;
  KeyConditionExpression?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, NativeValue>;
  ExclusiveStartKey?: Record<string, NativeValue>;
  Limit?: number;
  ScanIndexForward?: boolean;
  ConsistentRead?: boolean;
  Select?: string;
  [field: string]: unknown;
}
export interface ScanInput {
  TableName: string;
  IndexName?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, NativeValue>;
  ExclusiveStartKey?: Record<string, NativeValue>;
  Limit?: number;
  Segment?: number;
  TotalSegments?: number;
  ConsistentRead?: boolean;
  Select?: string;
  [field: string]: unknown;
}
export interface BatchGetInput {
  RequestItems: Record<
    string,
    { Keys: Array<Record<string, NativeValue>>; ConsistentRead?: boolean; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> }
  >;
  [field: string]: unknown;
}
export type WriteRequest =
  | { PutRequest: { Item: Record<string, NativeValue | undefined> } }
  | { DeleteRequest: { Key: Record<string, NativeValue> } };
export interface BatchWriteInput {
  RequestItems: Record<string, WriteRequest[]>;
  [field: string]: unknown;
}
export interface TransactGetInput {
  TransactItems: Array<{
    Get: { TableName: string; Key: Record<string, NativeValue>; ProjectionExpression?: string; ExpressionAttributeNames?: Record<string, string> };
  }>;
  [field: string]: unknown;
}
interface TransactWriteCommon {
  TableName: string;
  ConditionExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, NativeValue>;
  ReturnValuesOnConditionCheckFailure?: "ALL_OLD" | "NONE";
}
export interface TransactWriteInput {
  TransactItems: Array<
    | { Put: TransactWriteCommon & { Item: Record<string, NativeValue | undefined> } }
    | { Delete: TransactWriteCommon & { Key: Record<string, NativeValue> } }
    | { Update: TransactWriteCommon & { Key: Record<string, NativeValue>; UpdateExpression: string } }
    | { ConditionCheck: TransactWriteCommon & { Key: Record<string, NativeValue>; ConditionExpression: string } }
  >;
  ClientRequestToken?: string;
  [field: string]: unknown;
}

/** Document API outputs: wire responses whose items are plain JS values. */
export interface AttributesOutput {
  Attributes?: DocumentItem;
  ConsumedCapacity?: Wire;
  ItemCollectionMetrics?: { ItemCollectionKey?: DocumentItem; SizeEstimateRangeGB?: number[] };
}
export interface GetOutput {
  Item?: DocumentItem;
  ConsumedCapacity?: Wire;
}
export interface ItemsOutput {
  Items?: DocumentItem[];
  Count?: number;
  ScannedCount?: number;
  LastEvaluatedKey?: DocumentItem;
  ConsumedCapacity?: Wire;
}
export interface BatchGetOutput {
  Responses?: Record<string, DocumentItem[]>;
  UnprocessedKeys?: BatchGetInput["RequestItems"];
  ConsumedCapacity?: Wire[];
}
export interface BatchWriteOutput {
  UnprocessedItems?: Record<string, Array<{ PutRequest?: { Item: DocumentItem }; DeleteRequest?: { Key: DocumentItem } }>>;
  ItemCollectionMetrics?: Record<string, Array<{ ItemCollectionKey?: DocumentItem; SizeEstimateRangeGB?: number[] }>>;
  ConsumedCapacity?: Wire[];
}
export interface TransactGetOutput {
  Responses?: Array<{ Item?: DocumentItem }>;
  ConsumedCapacity?: Wire[];
}
export interface TransactWriteOutput {
  ItemCollectionMetrics?: Record<string, Array<{ ItemCollectionKey?: DocumentItem; SizeEstimateRangeGB?: number[] }>>;
  ConsumedCapacity?: Wire[];
}

/**
 * One change as DynamoDB Streams' GetRecords returns it (wire JSON). db.subscribe always gets
 * both images, whatever the table's StreamViewType.
 */
export interface StreamRecord {
  eventID: string;
  eventName: "INSERT" | "MODIFY" | "REMOVE";
  eventVersion: string;
  eventSource: "aws:dynamodb";
  awsRegion: string;
  dynamodb: {
    /** Epoch seconds. */
    ApproximateCreationDateTime: number;
    Keys: WireItem;
    NewImage?: WireItem;
    OldImage?: WireItem;
    /** Decimal digits (21 or more); increases with every change. */
    SequenceNumber: string;
    SizeBytes: number;
    StreamViewType: "KEYS_ONLY" | "NEW_IMAGE" | "OLD_IMAGE" | "NEW_AND_OLD_IMAGES";
  };
  /** Only on deletions of expired items (time to live). */
  userIdentity?: { principalId: "dynamodb.amazonaws.com"; type: "Service" };
}

/** A StreamRecord in document form, the first argument of a db.subscribe handler. */
export interface StreamChange {
  table: string;
  eventName: "INSERT" | "MODIFY" | "REMOVE";
  keys: DocumentItem;
  /** The item after the change (absent for REMOVE). */
  newImage?: DocumentItem;
  /** The item before the change (absent for INSERT). */
  oldImage?: DocumentItem;
  sequenceNumber: string;
  approximateCreationDateTime: Date;
  /** Set when the engine deleted an expired item (time to live). */
  userIdentity?: { principalId: "dynamodb.amazonaws.com"; type: "Service" };
  /** The site id of the peer whose write it was: this database's, or another peer's (sync). */
  originSite?: number;
}

export type StreamHandler = (change: StreamChange, record: StreamRecord) => void;

/** The part of the AWS SDK v3 HttpHandler interface that the SDK calls. */
export interface SdkHttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  [field: string]: unknown;
}
export interface SdkHttpResponse {
  statusCode: number;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** An AWS SDK v3 HttpHandler answering DynamoDB requests from a ShoalDB in this process. */
export class ShoalDBRequestHandler {
  constructor(db: ShoalDB);
  readonly metadata: { handlerProtocol: string };
  handle(
    request: SdkHttpRequest,
    options?: { abortSignal?: { readonly aborted: boolean }; requestTimeout?: number },
  ): Promise<{ response: SdkHttpResponse }>;
  updateHttpClientConfig(key: string, value: unknown): void;
  httpHandlerConfigs(): Record<string, unknown>;
  /** Does not close the database. */
  destroy(): void;
}

export class ShoalDB {
  private constructor();
  /** Opens a database in memory or on durable storage (see OpenOptions). */
  static open(options?: OpenOptions): Promise<ShoalDB>;
  readonly closed: boolean;
  /** This database's part in sync (conflicts, status, errors), or null when it does not sync. */
  readonly sync: import("./sync/index.js").SyncPeer | null;

  /** One DynamoDB operation on wire JSON; DynamoDB errors are thrown as ShoalDBError. */
  execute(operation: OperationName, input?: Wire): Promise<Wire>;
  /** The string-level entry point behind execute(): the HTTP status and response JSON text. */
  executeRaw(operation: OperationName, requestJson: string): Promise<RawResponse>;

  put(input: PutInput): Promise<AttributesOutput>;
  get(input: GetInput): Promise<GetOutput>;
  delete(input: DeleteInput): Promise<AttributesOutput>;
  update(input: UpdateInput): Promise<AttributesOutput>;
  query(input: QueryInput): Promise<ItemsOutput>;
  scan(input: ScanInput): Promise<ItemsOutput>;
  batchGet(input: BatchGetInput): Promise<BatchGetOutput>;
  batchWrite(input: BatchWriteInput): Promise<BatchWriteOutput>;
  transactGet(input: TransactGetInput): Promise<TransactGetOutput>;
  transactWrite(input: TransactWriteInput): Promise<TransactWriteOutput>;

  createTable(input: Wire): Promise<{ TableDescription: Wire }>;
  describeTable(input: { TableName: string }): Promise<{ Table: Wire }>;
  listTables(input?: { Limit?: number; ExclusiveStartTableName?: string }): Promise<{ TableNames: string[]; LastEvaluatedTableName?: string }>;
  deleteTable(input: { TableName: string }): Promise<{ TableDescription: Wire }>;

  /** Every item of `table` as DynamoDB JSON lines (`{"Item":{...}}\n`), DynamoDB's export format. */
  exportTable(table: string, options?: { onProgress?: (progress: { items: number }) => void }): AsyncGenerator<string>;
  /**
   * Imports DynamoDB JSON lines into an existing table (BatchWriteItem batches); the source is the
   * whole text, bytes, or an (async) iterable of chunks such as a stream or exportTable's lines.
   */
  importTable(
    table: string,
    source: string | Uint8Array | Iterable<string | Uint8Array> | AsyncIterable<string | Uint8Array>,
    options?: { onProgress?: (progress: { lines: number; items: number }) => void },
  ): Promise<{ lines: number; items: number }>;

  /**
   * Calls `handler(change, record)` for each change to `table` made through this database (any
   * API, and the engine's deletion of expired items), right after the request that made it and
   * before that request's promise settles; no StreamSpecification is needed. An error thrown by
   * a handler is rethrown asynchronously and does not affect the write. Returns a function that
   * unsubscribes. For the DynamoDB Streams API itself (ListStreams, GetRecords, ...), use
   * @aws-sdk/client-dynamodb-streams with requestHandler() or the HTTP endpoint.
   */
  subscribe(table: string, handler: StreamHandler): () => void;

  /** An AWS SDK v3 request handler: `new DynamoDBClient({ requestHandler: db.requestHandler(), ... })`. */
  requestHandler(): ShoalDBRequestHandler;
  /** Flushes, checkpoints a grown log, releases storage and frees the engine; later calls reject. */
  close(): Promise<void>;
  /** Resolves once every write so far is durable (a no-op for memory). */
  flush(): Promise<void>;
  /** Sets the Address DescribeEndpoints answers (default "localhost:8000"; the HTTP server sets its host:port). */
  setEndpointAddress(address: string): Promise<void>;
  /** Writes a snapshot and empties the log, so that the next open replays nothing. */
  checkpoint(): Promise<void>;
  /** Where the data lives and what opening found. */
  readonly storage: {
    kind: string;
    durability: "strict" | "relaxed" | null;
    recovery: null | { created: boolean; recordsApplied: number; logBytesDropped: number; stop: string; [key: string]: unknown };
  };
}
