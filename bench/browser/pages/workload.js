// The browser benchmark's workload, the same for every system: seeded items and request lists, and
// the driver that runs the timed phases on one system's adapter (system-*.js) and checks every
// answer. Runs in a dedicated worker (bench-worker.js).
//
// Items: 200 partitions (pk) of 100 items (sk "s000".."s099"); a secondary key gk/gs that spreads
// each partition over the whole index (gk = perm(i) % 100, gs = floor(perm(i) / 100), so each gk
// holds exactly 200 items with gs 0..199); a counter n that the update phase increments; ~200 bytes
// as JSON. Because every answer is known, each phase checks what it got, not just how long it took.
//
// An adapter: { insert(items), settle(), get(pk, sk), range(pk, skFrom, skTo), byIndex(gk, gsFrom,
// limit), increment(pk, sk) -> new n, readAll() -> items, count(), close(), reopen() } where
// range returns the partition's items with sk in [skFrom, skTo] in sk order, byIndex the first
// `limit` items of gk with gs >= gsFrom in gs order, settle() makes the writes so far as durable as
// the system's (relaxed) mode makes them, and reopen() opens the same storage again after close().

export const COUNTS = { items: 20_000, gets: 5_000, ranges: 500, indexQueries: 500, updates: 5_000, reopenGets: 500 };
const PARTITIONS = 200;
const PER_PARTITION = COUNTS.items / PARTITIONS;
const GROUPS = 100;
const PER_GROUP = COUNTS.items / GROUPS;
const PAGE = 50; // range and index queries return this many items
const SEED = 20261125;

const WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa " +
  "quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split(" ");

/** A seeded generator of 32-bit unsigned integers (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
}

const perm = (i) => (i * 7919) % COUNTS.items; // a bijection of [0, items): 7919 is prime, coprime with 20,000
const pad = (value, width) => String(value).padStart(width, "0");
export const pkOf = (i) => `p${pad(Math.floor(i / PER_PARTITION), 4)}`;
export const skOf = (i) => `s${pad(i % PER_PARTITION, 3)}`;
const gkOf = (i) => `g${pad(perm(i) % GROUPS, 3)}`;

/** Item i as every system stores it (plain JSON types: strings and integers). */
export function makeItem(i) {
  const next = random(SEED ^ Math.imul(i, 2654435761));
  const word = () => WORDS[next() % WORDS.length];
  return {
    pk: pkOf(i),
    sk: skOf(i),
    gk: gkOf(i),
    gs: Math.floor(perm(i) / GROUPS),
    n: i % 7,
    name: `${word()} ${word()}`,
    body: Array.from({ length: 16 }, word).join(" "),
  };
}

/** The requests of every phase, drawn from one seeded generator. */
function plan() {
  const next = random(SEED);
  const below = (n) => next() % n;
  return {
    gets: Array.from({ length: COUNTS.gets }, () => below(COUNTS.items)),
    ranges: Array.from({ length: COUNTS.ranges }, () => ({
      partition: below(PARTITIONS),
      from: below(PER_PARTITION - PAGE + 1),
    })),
    indexQueries: Array.from({ length: COUNTS.indexQueries }, () => ({
      group: below(GROUPS),
      from: below(PER_GROUP - PAGE + 1),
    })),
    updates: Array.from({ length: COUNTS.updates }, () => below(COUNTS.items)),
  };
}

function check(condition, message) {
  if (!condition) throw new Error(`wrong answer: ${message()}`);
}

const sameItem = (got, want) =>
  got != null &&
  got.pk === want.pk &&
  got.sk === want.sk &&
  got.gk === want.gk &&
  Number(got.gs) === want.gs &&
  Number(got.n) === want.n &&
  got.name === want.name &&
  got.body === want.body;

/**
 * Runs the phases on a fresh, empty database and returns each phase's time in ms. `durable`: the
 * storage survives close(), so the last phase closes, reopens and reads back.
 */
export async function runWorkload(adapter, { durable }) {
  const items = Array.from({ length: COUNTS.items }, (_, i) => makeItem(i));
  const requests = plan();
  const n = items.map((item) => item.n); // the counters as they should be
  const ms = {};
  const time = async (phase, body) => {
    const started = performance.now();
    await body();
    ms[phase] = performance.now() - started;
    if (globalThis.benchDebug) console.log(`${phase}: ${ms[phase].toFixed(0)} ms`);
  };

  await time("insert", async () => {
    await adapter.insert(items);
    await adapter.settle();
  });

  await time("get", async () => {
    for (const i of requests.gets) {
      const got = await adapter.get(items[i].pk, items[i].sk);
      check(sameItem(got, items[i]), () => `get ${i}: ${JSON.stringify(got)}`);
    }
  });

  await time("range", async () => {
    for (const { partition, from } of requests.ranges) {
      const first = partition * PER_PARTITION + from;
      const got = await adapter.range(pkOf(first), skOf(first), skOf(first + PAGE - 1));
      check(got.length === PAGE, () => `range ${partition}/${from}: ${got.length} items`);
      for (let k = 0; k < PAGE; k += 1) {
        check(sameItem(got[k], items[first + k]), () => `range ${partition}/${from} #${k}: ${JSON.stringify(got[k])}`);
      }
    }
  });

  await time("index", async () => {
    for (const { group, from } of requests.indexQueries) {
      const gk = `g${pad(group, 3)}`;
      const got = await adapter.byIndex(gk, from, PAGE);
      check(got.length === PAGE, () => `index ${gk}/${from}: ${got.length} items`);
      for (let k = 0; k < PAGE; k += 1) {
        // perm(i) = gs * GROUPS + group, so the item is the one whose perm is that
        const want = items[INVERSE[(from + k) * GROUPS + group]];
        check(sameItem(got[k], want), () => `index ${gk}/${from} #${k}: ${JSON.stringify(got[k])}`);
      }
    }
  });

  await time("update", async () => {
    for (const i of requests.updates) {
      n[i] += 1;
      const got = await adapter.increment(items[i].pk, items[i].sk);
      check(Number(got) === n[i], () => `update ${i}: n = ${got}, expected ${n[i]}`);
    }
    await adapter.settle();
  });

  const expectedSum = n.reduce((a, b) => a + b, 0);
  const checkAll = (all) => {
    check(all.length === COUNTS.items, () => `read all: ${all.length} items`);
    let sum = 0;
    for (const item of all) sum += Number(item.n);
    check(sum === expectedSum, () => `read all: sum of n ${sum}, expected ${expectedSum}`);
  };
  await time("readAll", async () => checkAll(await adapter.readAll()));

  if (durable) {
    // Close, open the same storage again, count, and get items the update phase changed.
    await time("reopen", async () => {
      const closing = performance.now();
      await adapter.close();
      ms.close = performance.now() - closing; // part of "reopen", reported apart
      await adapter.reopen();
      const count = await adapter.count();
      check(count === COUNTS.items, () => `reopen: count ${count}`);
      for (const i of requests.updates.slice(0, COUNTS.reopenGets)) {
        const got = await adapter.get(items[i].pk, items[i].sk);
        check(sameItem(got, { ...items[i], n: n[i] }), () => `reopen get ${i}: ${JSON.stringify(got)}`);
      }
    });
  }
  await adapter.close();
  return ms;
}

const INVERSE = (() => {
  const inverse = new Int32Array(COUNTS.items);
  for (let i = 0; i < COUNTS.items; i += 1) inverse[perm(i)] = i;
  return inverse;
})();
