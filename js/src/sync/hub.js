// `npx shoaldb hub`: a WebSocket hub that is itself a ShoalDB peer (durable with `storage`), so
// peers that are never online at the same time still converge through it. It authenticates
// each connection with a token (permissions.js), sends a peer only the tables it may read, and
// voids the writes of tables it may not write (they stay on that peer alone; it is told).
// Node only: built on the `ws` package.
import { WebSocketServer } from "ws";
import { ShoalDB } from "../database.js";
import { attachSync } from "./attach.js";
import { CLOSE_PROTOCOL, CLOSE_UNAUTHORIZED, decodeFrame, encodeFrame, WS_PROTOCOL_VERSION } from "./frames.js";
import { SyncLink } from "./link.js";
import { tokenChecker } from "./permissions.js";

const AUTH_TIMEOUT_MS = 10_000;
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Starts a hub. Resolves once it listens.
 * @param {{ port?: number, host?: string, token?: string, tokens?: object, storage?: string,
 *   durability?: "strict" | "relaxed", db?: ShoalDB, maxBatchBytes?: number, ackTimeoutMs?: number,
 *   wasmModule?: WebAssembly.Module, log?: (line: string) => void }} options
 */
export async function runHub(options = {}) {
  const { port = 8002, host = "127.0.0.1", storage = "memory", durability, maxBatchBytes, ackTimeoutMs } = options;
  const checkToken = tokenChecker(options);
  const log = options.log ?? (() => {});
  const ownsDb = options.db === undefined;
  // `storage`: "memory", or a folder that keeps the hub's data (and what it acknowledged) across restarts.
  const where = storage === "memory" ? { storage: "memory" } : { path: storage };
  const db = options.db ?? (await ShoalDB.open({ ...where, durability, wasmModule: options.wasmModule }));
  const peer = await attachSync(db, {});
  const sockets = new Set();
  const server = new WebSocketServer({ host, port, maxPayload: MAX_MESSAGE_BYTES });

  server.on("connection", (socket, request) => {
    sockets.add(socket);
    socket.binaryType = "arraybuffer";
    let link = null;
    const where = request.socket.remoteAddress;
    const refuse = (code, closeCode, message) => {
      socket.send(JSON.stringify({ type: "error", code, message }));
      socket.close(closeCode, message.slice(0, 120));
    };
    const authTimer = setTimeout(
      () => refuse("Unauthorized", CLOSE_UNAUTHORIZED, "no token was presented"),
      AUTH_TIMEOUT_MS,
    );
    socket.on("message", (data, isBinary) => {
      if (!isBinary) {
        let message;
        try {
          message = JSON.parse(data.toString("utf8"));
        } catch {
          return refuse("BadRequest", CLOSE_PROTOCOL, "control messages must be JSON");
        }
        if (message.type !== "auth" || link !== null) return;
        clearTimeout(authTimer);
        if (message.protocol !== WS_PROTOCOL_VERSION) {
          const why = `this hub speaks protocol ${WS_PROTOCOL_VERSION}, not ${message.protocol}`;
          return refuse("ProtocolVersion", CLOSE_PROTOCOL, why);
        }
        const grant = checkToken(message.token);
        if (grant === null) {
          log(`refused a peer from ${where}: wrong token`);
          return refuse("Unauthorized", CLOSE_UNAUTHORIZED, "the token is not valid for this hub");
        }
        const send = (bytes, meta) => {
          if (socket.readyState === 1) socket.send(encodeFrame(bytes, meta));
        };
        link = new SyncLink(peer, send, { readable: grant.read, writable: grant.write, maxBatchBytes, ackTimeoutMs });
        link.onRefused = (result) => {
          const message = result.errors.join("; ") || "writes were not applied";
          socket.send(JSON.stringify({ type: "refused", message }));
        };
        socket.send(
          JSON.stringify({ type: "welcome", site: peer.site, read: grant.read ?? "*", write: grant.write ?? "*" }),
        );
        log(`peer "${grant.name}" connected from ${where}`);
        link.open().catch((error) => peer.reportError(error));
        return;
      }
      if (link === null) return refuse("Unauthorized", CLOSE_UNAUTHORIZED, "authenticate before syncing");
      const frame = decodeFrame(data);
      if (frame) link.receive(frame.bytes, frame.meta).catch((error) => peer.reportError(error));
    });
    socket.on("close", () => {
      clearTimeout(authTimer);
      sockets.delete(socket);
      if (link) link.close();
    });
    socket.on("error", () => {});
  });

  await new Promise((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const address = server.address();
  const urlHost = address.family === "IPv6" || address.family === 6 ? `[${address.address}]` : address.address;
  let closing;
  return {
    db,
    peer,
    port: address.port,
    url: `ws://${urlHost}:${address.port}`,
    close() {
      closing ??= (async () => {
        for (const socket of sockets) socket.terminate();
        await new Promise((resolve) => server.close(() => resolve()));
        await peer.close();
        if (ownsDb) await db.close();
      })();
      return closing;
    },
  };
}
