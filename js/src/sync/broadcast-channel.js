// Sync between the tabs and workers of one origin (and between databases of one process in
// Node, which has BroadcastChannel too). Every peer on a channel name talks to every other:
// a Hello goes to all, everything else is addressed to one peer's site, and each pair of peers
// runs one SyncLink. A peer not heard from within `peerTimeoutMs` (a closed tab) is forgotten,
// so the units kept for it can be collected; if it comes back it is sent the state.
import { SyncLink } from "./link.js";

// Messages: { v, from, to (0: everyone), seq, ack, bytes } (seq and ack: see link.js).
const ENVELOPE_VERSION = 1;

/**
 * @param {import("./sync-peer.js").SyncPeer} peer
 * @param {{ channel?: string, heartbeatMs?: number, peerTimeoutMs?: number, maxBatchBytes?: number,
 *   ackTimeoutMs?: number }} [options]
 */
export function connectBroadcastChannel(peer, options = {}) {
  const {
    channel: name = "shoaldb-sync",
    heartbeatMs = 2_000,
    peerTimeoutMs = 60_000,
    maxBatchBytes,
    ackTimeoutMs,
  } = options;
  if (typeof BroadcastChannel === "undefined") {
    throw new TypeError("ShoalDB sync: this runtime has no BroadcastChannel");
  }
  const site = peer.site;
  const channel = new BroadcastChannel(name);
  const links = new Map(); // remote site -> { link, lastHeard }
  let closed = false;

  const linkTo = (remote) => {
    let entry = links.get(remote);
    if (entry) return entry;
    const send = (bytes, { seq, ack }) => {
      if (!closed) channel.postMessage({ v: ENVELOPE_VERSION, from: site, to: remote, seq, ack, bytes });
    };
    const link = new SyncLink(peer, send, { maxBatchBytes, ackTimeoutMs });
    entry = { link, lastHeard: Date.now() };
    links.set(remote, entry);
    link.open().catch((error) => peer.reportError(error));
    return entry;
  };

  channel.onmessage = ({ data }) => {
    if (closed || data === null || typeof data !== "object" || data.v !== ENVELOPE_VERSION) return;
    if (data.from === site || (data.to !== 0 && data.to !== site)) return;
    if (!(data.bytes instanceof Uint8Array)) return;
    const entry = linkTo(data.from);
    entry.lastHeard = Date.now();
    const meta = { seq: Number(data.seq) || 0, ack: Number(data.ack) || 0 };
    entry.link.receive(data.bytes, meta).catch((error) => peer.reportError(error));
  };

  const announce = () => {
    peer
      .hello()
      .then((bytes) => {
        if (!closed) channel.postMessage({ v: ENVELOPE_VERSION, from: site, to: 0, seq: 0, ack: 0, bytes });
      })
      .catch((error) => peer.reportError(error));
    const now = Date.now();
    for (const [remote, entry] of links) {
      if (now - entry.lastHeard <= peerTimeoutMs) continue;
      entry.link.close();
      links.delete(remote);
      peer.forgetPeer(remote).catch(() => {});
    }
  };
  announce();
  const timer = setInterval(announce, heartbeatMs);
  timer.unref?.();

  return peer.addTransport({
    kind: "broadcast-channel",
    name,
    get links() {
      return [...links.values()].map((e) => e.link);
    },
    async close() {
      if (closed) return;
      closed = true;
      clearInterval(timer);
      for (const { link } of links.values()) link.close();
      links.clear();
      channel.close();
    },
  });
}
