// A peer's connection to a ShoalDB hub (hub.js) over a WebSocket: authenticates with its token,
// then runs one SyncLink with the hub. Reconnects with backoff after a drop (the link starts
// over from both vectors, so nothing is lost or applied twice); stops for good when the hub
// refuses the token.
import { CLOSE_PROTOCOL, CLOSE_UNAUTHORIZED, decodeFrame, encodeFrame, WS_PROTOCOL_VERSION } from "./frames.js";
import { SyncLink } from "./link.js";

/**
 * @param {import("./sync-peer.js").SyncPeer} peer
 * @param {{ url: string, token?: string, WebSocket?: any, reconnectMs?: number, maxReconnectMs?: number,
 *   maxBatchBytes?: number, ackTimeoutMs?: number }} options
 */
export async function connectWebSocket(peer, options) {
  const { url, token = "", reconnectMs = 500, maxReconnectMs = 30_000, maxBatchBytes, ackTimeoutMs } = options;
  if (typeof url !== "string" || !/^wss?:\/\//.test(url)) {
    throw new TypeError(`ShoalDB sync: the hub url must start with ws:// or wss://, got ${JSON.stringify(url)}`);
  }
  const Impl = options.WebSocket ?? globalThis.WebSocket ?? (await loadWs());
  let socket = null;
  let link = null;
  let closed = false;
  let delay = reconnectMs;
  let timer = null;
  let welcome = null;
  const waiters = new Set();

  const connect = () => {
    if (closed) return;
    socket = new Impl(url);
    socket.binaryType = "arraybuffer";
    const current = socket;
    current.onopen = () => current.send(JSON.stringify({ type: "auth", token, protocol: WS_PROTOCOL_VERSION }));
    current.onmessage = (event) => {
      if (typeof event.data === "string") return control(current, JSON.parse(event.data));
      const frame = decodeFrame(event.data);
      if (frame && link) link.receive(frame.bytes, frame.meta).catch((error) => peer.reportError(error));
    };
    current.onerror = () => {}; // onclose follows and reconnects
    current.onclose = (event) => {
      if (link) link.close();
      link = null;
      welcome = null;
      if (closed) return;
      if (event.code === CLOSE_UNAUTHORIZED || event.code === CLOSE_PROTOCOL) {
        closed = true;
        const error = new Error(`ShoalDB sync: the hub at ${url} refused this peer: ${event.reason || event.code}`);
        error.code = event.code === CLOSE_UNAUTHORIZED ? "Unauthorized" : "ProtocolVersion";
        for (const w of waiters) w.reject(error);
        waiters.clear();
        peer.reportError(error);
        return;
      }
      timer = setTimeout(connect, delay);
      timer.unref?.();
      delay = Math.min(delay * 2, maxReconnectMs);
    };
  };

  const control = (current, message) => {
    if (message.type === "welcome") {
      delay = reconnectMs;
      welcome = message;
      const send = (bytes, meta) => {
        if (current.readyState === 1) current.send(encodeFrame(bytes, meta));
      };
      link = new SyncLink(peer, send, { maxBatchBytes, ackTimeoutMs });
      link.open().catch((error) => peer.reportError(error));
      for (const w of waiters) w.resolve(message);
      waiters.clear();
    } else if (message.type === "refused" || message.type === "error") {
      const error = new Error(`ShoalDB sync: hub: ${message.message}`);
      error.code = message.code ?? "Refused";
      peer.reportError(error);
    }
  };

  connect();
  return peer.addTransport({
    kind: "websocket",
    url,
    get connected() {
      return welcome !== null;
    },
    get link() {
      return link;
    },
    /** Resolves with the hub's welcome once connected (rejects if the hub refuses the token). */
    whenConnected() {
      if (welcome !== null) return Promise.resolve(welcome);
      if (closed) return Promise.reject(new Error("ShoalDB sync: the connection is closed"));
      return new Promise((resolve, reject) => waiters.add({ resolve, reject }));
    },
    async close() {
      if (closed && socket === null) return;
      closed = true;
      clearTimeout(timer);
      if (link) link.close();
      link = null;
      const s = socket;
      socket = null;
      if (s && s.readyState <= 1) {
        await new Promise((resolve) => {
          s.addEventListener?.("close", () => resolve());
          s.close();
          setTimeout(resolve, 1000).unref?.();
        });
      }
    },
  });
}

// Node before 22 has no global WebSocket: use the `ws` package (a dependency of shoaldb). The
// specifier is a variable so that browser bundlers do not try to resolve it.
async function loadWs() {
  const name = "ws";
  const module = await import(name);
  return module.WebSocket ?? module.default;
}
