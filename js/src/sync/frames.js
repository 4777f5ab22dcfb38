// How sync travels over a WebSocket (the hub and its peers): binary frames carry protocol
// messages (core/sync/protocol.h) after one flags byte (bit 0: a Hello that acknowledges the
// last batch); text frames carry JSON control messages:
//   peer -> hub  {"type":"auth","token":T,"protocol":1}            first message, within 10 s
//   hub -> peer  {"type":"welcome","site":S,"read":[...]|"*","write":[...]|"*"}
//   hub -> peer  {"type":"refused","message":M}                    writes the hub did not apply
//   hub -> peer  {"type":"error","code":C,"message":M}             then the hub closes
export const WS_PROTOCOL_VERSION = 1;
export const CLOSE_UNAUTHORIZED = 4001;
export const CLOSE_PROTOCOL = 4002;

export function encodeFrame(bytes, ack) {
  const frame = new Uint8Array(bytes.length + 1);
  frame[0] = ack ? 1 : 0;
  frame.set(bytes, 1);
  return frame;
}

/** @returns {{ ack: boolean, bytes: Uint8Array } | null} */
export function decodeFrame(data) {
  const view =
    data instanceof ArrayBuffer ? new Uint8Array(data) : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  if (view.length < 2) return null;
  return { ack: (view[0] & 1) === 1, bytes: view.slice(1) };
}
