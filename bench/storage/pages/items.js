// The benchmark's items, the same for every engine: seeded, so every worker makes the same ones
// without passing them around. About 230 bytes each as JSON: a key, short strings, an integer, a
// decimal, a boolean, a list of words and a sentence.
const WORDS = ("alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa " +
  "quebec romeo sierra tango uniform victor whiskey xray yankee zulu").split(" ");

export function itemId(i) {
  return `item-${String(i).padStart(7, "0")}`;
}

/** Item `i` of version `version` (a later version of the same id overwrites it). */
export function makeItem(i, version = 0) {
  let x = (i * 2654435761 + version * 40503 + 1) >>> 0;
  const next = () => (x = (Math.imul(x, 1103515245) + 12345) >>> 0);
  const word = () => WORDS[next() % WORDS.length];
  const sentence = Array.from({ length: 10 }, word).join(" ");
  return {
    id: itemId(i),
    name: `${word()} ${word()}`,
    email: `${word()}.${i}@example.com`,
    age: 18 + (next() % 70),
    score: Number(`${next() % 100000}.${next() % 100}`),
    active: next() % 2 === 0,
    tags: [word(), word(), word()],
    bio: sentence,
    version,
  };
}

/** Items [from, to) as an array. */
export function makeItems(from, to, version = 0) {
  const out = new Array(to - from);
  for (let i = from; i < to; i += 1) out[i - from] = makeItem(i, version);
  return out;
}
