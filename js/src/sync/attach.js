// ShoalDB.open({ sync }) and attachSync(db, options): makes a database a sync peer and connects
// its transports. Options:
//   channel: true | "name"   BroadcastChannel: the tabs and workers of one origin (Node: one process)
//   url, token               a ShoalDB hub (npx shoaldb hub) over a WebSocket
//   dynamodb: { client, tableName, pollMs }   a DynamoDB table as the hub (AWS SDK v3 client)
//   maxBatchBytes            the most bytes of units per message (default 256 KiB)
//   heartbeatMs, peerTimeoutMs, ackTimeoutMs, reconnectMs   timings (see the transports)
import { backendOf } from "../database.js";
import { connectBroadcastChannel } from "./broadcast-channel.js";
import { connectDynamoDBHub } from "./dynamodb-hub.js";
import { SyncPeer } from "./sync-peer.js";
import { connectWebSocket } from "./websocket-client.js";

const peers = new WeakMap(); // ShoalDB -> SyncPeer

/** The SyncPeer of a database, or null when it does not sync. */
export function syncOf(db) {
  return peers.get(db) ?? null;
}

/**
 * @param {import("../database.js").ShoalDB} db
 * @param {{ channel?: boolean | string, url?: string, token?: string, maxBatchBytes?: number,
 *   heartbeatMs?: number, peerTimeoutMs?: number, ackTimeoutMs?: number, reconnectMs?: number,
 *   WebSocket?: any, unmarshallOptions?: object }} [options]
 * @returns {Promise<SyncPeer>}
 */
export async function attachSync(db, options = {}) {
  if (options === null || typeof options !== "object") {
    throw new TypeError("ShoalDB sync: the sync option must be an object");
  }
  if (peers.has(db)) throw new Error("ShoalDB sync: this database already syncs");
  if (options.url !== undefined && (typeof options.url !== "string" || !/^wss?:\/\//.test(options.url))) {
    const got = JSON.stringify(options.url);
    throw new TypeError(`ShoalDB sync: the hub url must start with ws:// or wss://, got ${got}`);
  }
  const backend = backendOf(db);
  if (!backend || typeof backend.runSync !== "function") {
    throw new TypeError(
      'ShoalDB sync: the "sync" option needs the engine in this thread; it does not work with worker: true yet',
    );
  }
  const peer = new SyncPeer(backend, { unmarshallOptions: options.unmarshallOptions });
  await peer.start();
  peers.set(db, peer);
  try {
    if (options.channel !== undefined && options.channel !== false) {
      const channel = options.channel === true ? undefined : options.channel;
      connectBroadcastChannel(peer, { ...options, channel });
    }
    if (options.url !== undefined) await connectWebSocket(peer, options);
    if (options.dynamodb !== undefined) await connectDynamoDBHub(peer, options.dynamodb);
  } catch (error) {
    await peer.close();
    peers.delete(db);
    throw error;
  }
  return peer;
}

/** Stops syncing (closes the transports); the database stays open. */
export async function detachSync(db) {
  const peer = peers.get(db);
  if (!peer) return;
  peers.delete(db);
  await peer.close();
}
