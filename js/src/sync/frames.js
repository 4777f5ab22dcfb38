// How sync travels over a WebSocket (the hub and its peers): binary frames carry protocol
// messages (core/sync/protocol.h) after an 8-byte header: uint32 seq (the batch's number, 0 for
// a Hello) and uint32 ack (the batch a Hello acknowledges, 0: none), little-endian (link.js);
// text frames carry JSON control messages:
//   peer -> hub  {"type":"auth","token":T,"protocol":1}            first message, within 10 s
//   hub -> peer  {"type":"welcome","site":S,"read":[...]|"*","write":[...]|"*"}
//   hub -> peer  {"type":"refused","message":M}                    writes the hub did not apply
//   hub -> peer  {"type":"error","code":C,"message":M}             then the hub closes
export const WS_PROTOCOL_VERSION = 1;
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_PROTOCOL = 4002;

const HEADER_BYTES = 8;

export function encodeFrame(bytes, { seq, ack }) {
  const frame = new Uint8Array(bytes.length + HEADER_BYTES);
  const header = new DataView(frame.buffer);
  header.setUint32(0, seq, true);
  header.setUint32(4, ack, true);
  frame.set(bytes, HEADER_BYTES);
  return frame;
}

/** @returns {{ meta: { seq: number, ack: number }, bytes: Uint8Array } | null} */
export function decodeFrame(data) {
  const view =
    data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (view.length <= HEADER_BYTES) return null;
  const header = new DataView(view.buffer, view.byteOffset, HEADER_BYTES);
  return { meta: { seq: header.getUint32(0, true), ack: header.getUint32(4, true) }, bytes: view.slice(HEADER_BYTES) };
}
