// The seeded workload every peer gets, as DynamoDB wire JSON: one table of 20,000 ~200-byte items
// in 200 partitions of 100, with a global secondary index (gpk, gsk) of 100 partitions of 200.
// Every function here is deterministic for a given seed, so the load, the request bodies and the
// in-process run see the same items and keys.

export const TABLE = "bench";
export const ITEMS = 20000;
export const PARTITIONS = 200; // pk values; ITEMS / PARTITIONS items each
export const GSI_PARTITIONS = 100; // gpk values; ITEMS / GSI_PARTITIONS items each
export const BATCH_WRITE = 25; // DynamoDB's BatchWriteItem limit
export const BATCH_GET = 100; // DynamoDB's BatchGetItem limit
export const QUERY_LIMIT = 50;

/** A small, fast, seedable PRNG (mulberry32): the same sequence on every run. */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ";
function text(random, length) {
  let s = "";
  for (let i = 0; i < length; i++) s += LETTERS[Math.floor(random() * LETTERS.length)];
  return s;
}

const pad = (n, width) => String(n).padStart(width, "0");
export const pkOf = (i) => `p${pad(Math.floor(i / (ITEMS / PARTITIONS)), 4)}`;
export const skOf = (i) => `item#${pad(i % (ITEMS / PARTITIONS), 5)}`;
export const keyOf = (i) => ({ pk: { S: pkOf(i) }, sk: { S: skOf(i) } });

/**
 * Item i with fresh attribute values (puts rewrite items with new values of the same sizes).
 * DynamoDB's size of it (attribute names + values) is about 200 bytes.
 */
export function item(i, random) {
  return {
    ...keyOf(i),
    gpk: { S: `g${pad(i % GSI_PARTITIONS, 3)}` },
    gsk: { N: String(i) },
    name: { S: text(random, 24) },
    bio: { S: text(random, 96) },
    score: { N: String(Math.floor(random() * 100000)) },
    visits: { N: "0" },
    active: { BOOL: random() < 0.5 },
    tags: { SS: [text(random, 6), text(random, 6)] },
  };
}

export function createTableRequest() {
  return {
    TableName: TABLE,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
      { AttributeName: "gpk", AttributeType: "S" },
      { AttributeName: "gsk", AttributeType: "N" },
    ],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: "gsi1",
        KeySchema: [
          { AttributeName: "gpk", KeyType: "HASH" },
          { AttributeName: "gsk", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}

/** The BatchWriteItem requests that load every item once. */
export function loadRequests(seed = 1) {
  const random = rng(seed);
  const requests = [];
  for (let first = 0; first < ITEMS; first += BATCH_WRITE) {
    const puts = [];
    const end = Math.min(first + BATCH_WRITE, ITEMS);
    for (let i = first; i < end; i++) puts.push({ PutRequest: { Item: item(i, random) } });
    requests.push({ RequestItems: { [TABLE]: puts } });
  }
  return requests;
}

const randomIndex = (random) => Math.floor(random() * ITEMS);

// Distinct item indexes, in random order.
function distinct(random, n) {
  const chosen = new Set();
  while (chosen.size < n) chosen.add(randomIndex(random));
  return [...chosen];
}

/**
 * The timed phases: DynamoDB operation, how many distinct request bodies to pre-generate, and the
 * body of request n. Writes only rewrite existing items (same keys, same sizes), so the table
 * keeps its shape however many rounds run.
 */
export const PHASES = [
  {
    // Rewrites of 25 items each (fresh values), as the load wrote them.
    name: "BatchWriteItem (25 puts)",
    operation: "BatchWriteItem",
    count: 800,
    body: (random) => {
      const first = BATCH_WRITE * Math.floor(random() * (ITEMS / BATCH_WRITE));
      const puts = [];
      for (let i = first; i < first + BATCH_WRITE; i++) puts.push({ PutRequest: { Item: item(i, random) } });
      return { RequestItems: { [TABLE]: puts } };
    },
  },
  {
    name: "GetItem",
    operation: "GetItem",
    count: 20000,
    body: (random) => ({ TableName: TABLE, Key: keyOf(randomIndex(random)) }),
  },
  {
    name: "PutItem",
    operation: "PutItem",
    count: 20000,
    body: (random) => ({ TableName: TABLE, Item: item(randomIndex(random), random) }),
  },
  {
    name: "UpdateItem (SET + ADD)",
    operation: "UpdateItem",
    count: 20000,
    body: (random) => ({
      TableName: TABLE,
      Key: keyOf(randomIndex(random)),
      UpdateExpression: "SET #name = :name ADD visits :one",
      ExpressionAttributeNames: { "#name": "name" },
      ExpressionAttributeValues: { ":name": { S: text(random, 24) }, ":one": { N: "1" } },
    }),
  },
  {
    // One partition, sort keys from a random start on: always 50 items (each partition has 100).
    name: "Query (range, Limit 50)",
    operation: "Query",
    count: 5000,
    body: (random) => ({
      TableName: TABLE,
      KeyConditionExpression: "pk = :pk AND sk >= :from",
      ExpressionAttributeValues: {
        ":pk": { S: pkOf(randomIndex(random)) },
        ":from": { S: skOf(Math.floor(random() * (ITEMS / PARTITIONS - QUERY_LIMIT))) },
      },
      Limit: QUERY_LIMIT,
    }),
  },
  {
    // The table's first page, which DynamoDB cuts at 1 MB (the table holds about 4 MB). Every
    // body is the same: peers order their tables differently, so a start key that leaves a full
    // page on one could leave less on another.
    name: "Scan (1 MB page)",
    operation: "Scan",
    count: 1,
    body: () => ({ TableName: TABLE }),
  },
  {
    // One GSI partition (200 items), index sort keys from a random start: always 50 items.
    name: "GSI Query (range, Limit 50)",
    operation: "Query",
    count: 5000,
    body: (random) => {
      const g = Math.floor(random() * GSI_PARTITIONS);
      const from = g + GSI_PARTITIONS * Math.floor(random() * (ITEMS / GSI_PARTITIONS - QUERY_LIMIT));
      return {
        TableName: TABLE,
        IndexName: "gsi1",
        KeyConditionExpression: "gpk = :g AND gsk >= :from",
        ExpressionAttributeValues: { ":g": { S: `g${pad(g, 3)}` }, ":from": { N: String(from) } },
        Limit: QUERY_LIMIT,
      };
    },
  },
  {
    name: "BatchGetItem (100 keys)",
    operation: "BatchGetItem",
    count: 2000,
    body: (random) => ({ RequestItems: { [TABLE]: { Keys: distinct(random, BATCH_GET).map(keyOf) } } }),
  },
  {
    // Three distinct items: a conditional Put, an Update (SET + ADD) and a ConditionCheck.
    name: "TransactWriteItems (3 actions)",
    operation: "TransactWriteItems",
    count: 10000,
    body: (random) => {
      const [a, b, c] = distinct(random, 3);
      return {
        TransactItems: [
          { Put: { TableName: TABLE, Item: item(a, random), ConditionExpression: "attribute_exists(pk)" } },
          {
            Update: {
              TableName: TABLE,
              Key: keyOf(b),
              UpdateExpression: "SET #name = :name ADD visits :one",
              ExpressionAttributeNames: { "#name": "name" },
              ExpressionAttributeValues: { ":name": { S: text(random, 24) }, ":one": { N: "1" } },
            },
          },
          { ConditionCheck: { TableName: TABLE, Key: keyOf(c), ConditionExpression: "attribute_exists(pk)" } },
        ],
      };
    },
  },
];

/** The request bodies of a phase, as JSON text, seeded by the phase's position. */
export function phaseBodies(phase, seed = 1000) {
  const random = rng(seed + PHASES.indexOf(phase));
  const bodies = [];
  for (let n = 0; n < phase.count; n++) bodies.push(JSON.stringify(phase.body(random)));
  return bodies;
}

/** A file name for a phase. */
export const slug = (phase) => phase.name.replace(/\s*\(.*$/, "").replace(/\s+/g, "-").toLowerCase();
