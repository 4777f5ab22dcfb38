// The OPFS adapter's file layout without a browser: slot and piece framing, names, and the chain
// that decides which pieces make up the log after a crash left extra ones behind. The adapter
// itself runs in headless Chromium (web-test/test/storage-*.test.js).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  chainPieces,
  closedPiece,
  decodeClosedPiece,
  decodeSlot,
  encodeClosedPiece,
  encodeSlot,
  openPiece,
  parsePieceName,
  slotName,
} from "../src/storage/opfs-layout.js";

const bytes = (...values) => Uint8Array.from(values);

test("a slot round-trips its generation and snapshot; generations alternate between two files", () => {
  const snapshot = bytes(1, 2, 3, 4, 5);
  const slot = encodeSlot(2 ** 40 + 7, snapshot);
  const decoded = decodeSlot(slot);
  assert.equal(decoded.generation, 2 ** 40 + 7);
  assert.deepEqual(decoded.snapshot, snapshot);
  assert.deepEqual(decodeSlot(encodeSlot(1, new Uint8Array(0))).snapshot, new Uint8Array(0));
  assert.equal(slotName(4), "snapshot.0");
  assert.equal(slotName(5), "snapshot.1");
});

test("a slot that is torn, extended or has any byte changed is refused", () => {
  const slot = encodeSlot(3, bytes(9, 8, 7, 6, 5, 4));
  for (let cut = 0; cut < slot.length; cut += 1) assert.equal(decodeSlot(slot.subarray(0, cut)), null, `cut at ${cut}`);
  const longer = new Uint8Array(slot.length + 1);
  longer.set(slot);
  assert.equal(decodeSlot(longer), null);
  for (let i = 0; i < slot.length; i += 1) {
    const damaged = slot.slice();
    damaged[i] ^= 1;
    assert.equal(decodeSlot(damaged), null, `byte ${i} flipped`);
  }
  assert.equal(decodeSlot(new Uint8Array(100)), null, "zeros, as a file extended but never written");
});

test("a closed piece is accepted only whole, with its checksum", () => {
  const piece = closedPiece(1, 10, 14, 0);
  const file = encodeClosedPiece(bytes(1, 2, 3, 4));
  assert.deepEqual(decodeClosedPiece(piece, file), bytes(1, 2, 3, 4));
  assert.equal(decodeClosedPiece(piece, file.subarray(0, file.length - 1)), null);
  assert.equal(decodeClosedPiece(closedPiece(1, 10, 15, 0), file), null, "length must match the name");
  const damaged = file.slice();
  damaged[2] ^= 0x80;
  assert.equal(decodeClosedPiece(piece, damaged), null);
});

test("piece names parse back to the same piece; other names are not pieces", () => {
  assert.deepEqual(parsePieceName("log.3.100.250.2"), closedPiece(3, 100, 250, 2));
  assert.deepEqual(parsePieceName("log.3.100"), openPiece(3, 100));
  for (const name of ["snapshot.0", "log.3.100.250", "log.3.100.100.0", "log.3.200.100.0", "log.03.1", "x.crswap"]) {
    assert.equal(parsePieceName(name), null, name);
  }
});

test("the chain takes, at each offset, the piece reaching furthest; the rest are orphans", () => {
  const a = closedPiece(1, 0, 10, 0);
  const b = closedPiece(1, 10, 20, 0);
  const c = closedPiece(1, 20, 30, 0);
  const merged = closedPiece(1, 0, 20, 1); // a merge of a and b that finished before their deletion
  const stale = closedPiece(1, 35, 40, 0); // beyond a gap: left by an interrupted truncation
  const empty = { ...openPiece(1, 30), end: 30 };
  const { chain, orphans, length } = chainPieces([a, b, c, merged, stale, empty]);
  assert.deepEqual(chain, [merged, c]);
  assert.equal(length, 30);
  assert.deepEqual(new Set(orphans), new Set([a, b, stale, empty]));
});

test("a cut piece loses to the piece it cuts until that one is deleted", () => {
  const whole = closedPiece(2, 0, 100, 0);
  const cut = closedPiece(2, 0, 60, 0);
  assert.deepEqual(chainPieces([whole, cut]).chain, [whole]);
  assert.deepEqual(chainPieces([cut]).chain, [cut]);
  assert.deepEqual(chainPieces([]), { chain: [], orphans: [], length: 0 });
  assert.deepEqual(chainPieces([closedPiece(2, 5, 9, 0)]).length, 0, "nothing at offset 0: an empty log");
});
