// The files of one OPFS database and how their bytes are framed (opfs-storage.js does the I/O; this
// file has no I/O, so Node tests it directly). Why the layout is what it is: opfs-storage.js.
//
//   snapshot.0, snapshot.1   two snapshot slots; generation g lives in slot g % 2:
//                            "ShoalSlt" | u32le CRC-32 of every byte after it | u64le generation |
//                            u64le snapshot length | snapshot
//   log.<g>.<start>          an open log piece of generation g: raw log bytes from offset <start>,
//                            appended in place through a sync access handle; its size is its length
//   log.<g>.<start>.<end>.<level>
//                            a closed log piece: the log's bytes [start, end) then u32le CRC-32 of
//                            them; written whole, never changed; <level> counts merges (0: one append)
//   damaged-<time>.log       log bytes that recovery cut off because they were damaged
// Numbers in names are decimal. Every other name is ignored (Chromium's *.crswap swap files, say).
import { crc32 } from "../protocol/crc32.js";

const SLOT_MAGIC = new TextEncoder().encode("ShoalSlt");
const SLOT_HEADER_BYTES = SLOT_MAGIC.length + 4 * 5;
const TRAILER_BYTES = 4;
const PIECE_NAME = /^log\.(\d+)\.(\d+)(?:\.(\d+)\.(\d+))?$/;

export const SLOT_NAMES = ["snapshot.0", "snapshot.1"];

/** The slot file's name for snapshot generation `generation`. */
export function slotName(generation) {
  return SLOT_NAMES[generation % 2];
}

/** A slot file's bytes: header, then the snapshot. */
export function encodeSlot(generation, snapshot) {
  const out = new Uint8Array(SLOT_HEADER_BYTES + snapshot.length);
  const view = new DataView(out.buffer);
  out.set(SLOT_MAGIC, 0);
  setUint64(view, 12, generation);
  setUint64(view, 20, snapshot.length);
  out.set(snapshot, SLOT_HEADER_BYTES);
  view.setUint32(8, crc32(out.subarray(12)), true);
  return out;
}

/**
 * The generation and snapshot a slot file holds, or null when it is not a whole, intact slot (never
 * written, torn by a crash mid-write, or damaged).
 */
export function decodeSlot(bytes) {
  if (bytes.length < SLOT_HEADER_BYTES) return null;
  for (let i = 0; i < SLOT_MAGIC.length; i += 1) if (bytes[i] !== SLOT_MAGIC[i]) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const generation = getUint64(view, 12);
  const length = getUint64(view, 20);
  if (length !== bytes.length - SLOT_HEADER_BYTES) return null;
  if (view.getUint32(8, true) !== crc32(bytes.subarray(12))) return null;
  return { generation, snapshot: bytes.subarray(SLOT_HEADER_BYTES) };
}

/** A closed piece: the log's bytes [start, end) of snapshot generation `generation`. */
export function closedPiece(generation, start, end, level) {
  return { name: `log.${generation}.${start}.${end}.${level}`, generation, start, end, level, open: false };
}

/** An open piece starting at `start`, empty for now. */
export function openPiece(generation, start) {
  return { name: `log.${generation}.${start}`, generation, start, end: start, open: true };
}

/** The piece a file name describes (an open piece's `end` is its start until its size is known), or null. */
export function parsePieceName(name) {
  const match = PIECE_NAME.exec(name);
  if (!match) return null;
  const [generation, start] = [Number(match[1]), Number(match[2])];
  if (!Number.isSafeInteger(generation) || !Number.isSafeInteger(start)) return null;
  if (match[3] === undefined) {
    const piece = openPiece(generation, start);
    return piece.name === name ? piece : null;
  }
  const [end, level] = [Number(match[3]), Number(match[4])];
  if (!Number.isSafeInteger(end) || end <= start || !Number.isSafeInteger(level)) return null;
  const piece = closedPiece(generation, start, end, level);
  return piece.name === name ? piece : null; // one spelling per piece (no leading zeros)
}

/** A closed piece file's bytes: the log bytes, then their CRC-32. */
export function encodeClosedPiece(bytes) {
  const out = new Uint8Array(bytes.length + TRAILER_BYTES);
  out.set(bytes, 0);
  new DataView(out.buffer).setUint32(bytes.length, crc32(bytes), true);
  return out;
}

/** The log bytes of a closed piece file, or null when the file is not whole and intact. */
export function decodeClosedPiece(piece, fileBytes) {
  const length = piece.end - piece.start;
  if (fileBytes.length !== length + TRAILER_BYTES) return null;
  const bytes = fileBytes.subarray(0, length);
  const view = new DataView(fileBytes.buffer, fileBytes.byteOffset, fileBytes.byteLength);
  return view.getUint32(length, true) === crc32(bytes) ? bytes : null;
}

/**
 * The log as a chain of pieces from offset 0: at each offset, of the pieces that start there, the
 * one reaching furthest (a finished merge beats the pieces it replaced; a finished cut loses to the
 * piece it cuts until that is deleted). Every log offset comes from exactly one piece, so no byte,
 * and no record, can be read twice. Pieces off the chain are `orphans`: leftovers of a merge, a
 * truncation or a checkpoint that a crash interrupted, to be deleted before anything is appended.
 *
 * @param {Array<{ start: number, end: number }>} pieces readable pieces of one generation; an open
 *   piece's `end` is start + its size
 * @returns {{ chain: object[], orphans: object[], length: number }}
 */
export function chainPieces(pieces) {
  const byStart = new Map();
  for (const piece of pieces) {
    if (piece.end <= piece.start) continue; // empty: contributes nothing, an orphan
    const best = byStart.get(piece.start);
    if (!best || piece.end > best.end) byStart.set(piece.start, piece);
  }
  const chain = [];
  let at = 0;
  for (let piece = byStart.get(0); piece; piece = byStart.get(at)) {
    chain.push(piece);
    at = piece.end;
  }
  const onChain = new Set(chain);
  return { chain, orphans: pieces.filter((piece) => !onChain.has(piece)), length: at };
}

function setUint64(view, at, value) {
  view.setUint32(at, value % 2 ** 32, true);
  view.setUint32(at + 4, Math.floor(value / 2 ** 32), true);
}

function getUint64(view, at) {
  return view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
}
