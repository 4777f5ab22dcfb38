// Multi-master sync (core/sync/SYNC.md): what a browser, worker or edge runtime may import.
// The hub (hub.js) is Node only and is imported from "shoaldb/sync/hub".
export { attachSync, detachSync, syncOf } from "./attach.js";
export { SyncPeer } from "./sync-peer.js";
export { connectBroadcastChannel } from "./broadcast-channel.js";
export { connectWebSocket } from "./websocket-client.js";
export { connectDynamoDBHub } from "./dynamodb-hub.js";
