// Types of shoaldb's multi-master sync (src/sync/, core/sync/SYNC.md).
import type { ShoalDB } from "../index.js";

export interface SyncOptions {
  /** BroadcastChannel: the tabs and workers of one origin (in Node, databases of one process). */
  channel?: boolean | string;
  /** A ShoalDB hub (`npx shoaldb hub`), e.g. "ws://127.0.0.1:8002". */
  url?: string;
  /** The token the hub expects. */
  token?: string;
  /** The most bytes of units per message (default 256 KiB). */
  maxBatchBytes?: number;
  /** BroadcastChannel: how often a peer says Hello (default 2000 ms). */
  heartbeatMs?: number;
  /** BroadcastChannel: a peer not heard from for this long is forgotten (default 60000 ms). */
  peerTimeoutMs?: number;
  /** A batch not acknowledged within this time is sent again (default 10000 ms). */
  ackTimeoutMs?: number;
  /** The first delay before reconnecting to the hub (doubles up to 30 s). */
  reconnectMs?: number;
  /** A WebSocket class, where the runtime has none and `ws` is not wanted. */
  WebSocket?: unknown;
  /**
   * A DynamoDB table (or DynamoDB-compatible service) as the hub: an AWS SDK v3 DynamoDBClient, the
   * table (default "shoaldb-sync", created when missing) and how often to pull (default 1000 ms).
   */
  dynamodb?: { client: unknown; tableName?: string; pollMs?: number; maxBatchBytes?: number; createTable?: boolean };
}

export interface ConflictSide {
  /** The value, in document form; absent when this side deleted the item or removed the attribute. */
  value?: unknown;
  deleted: boolean;
  /** The write's hybrid-clock time (64 bits, as decimal text). */
  hlc: string;
  site: number;
}

export interface Conflict {
  id: number;
  table: string;
  key: Record<string, unknown>;
  attribute: string;
  winner: ConflictSide;
  loser: ConflictSide;
}

export interface SyncStatus {
  Site: number;
  Enabled: boolean;
  Vector: Record<string, string>;
  RetainedUnits: number;
  RetainedBytes: number;
  /** Hidden merge-state entries left (deleted items, removed attributes). */
  Tombstones: number;
  /** Tombstones dropped since open: every known peer had seen them (core/sync/SYNC.md). */
  TombstonesCollected: number;
  Peers: Record<string, Record<string, string>>;
  /** Per site, the highest version vector it reported, directly or through other peers. */
  Seen: Record<string, Record<string, string>>;
  LastConflictId: number;
}

export interface SyncPeer {
  readonly site: number;
  status(): SyncStatus;
  /** Conflicts the merge rules resolved (the newest 1000), oldest first. */
  conflicts(options?: { afterId?: number; limit?: number; wire?: boolean }): Conflict[];
  /** Called for each conflict merged from now on. Returns a function that unsubscribes. */
  onConflict(handler: (conflict: Conflict) => void): () => void;
  /** Sync errors (a refused token, writes a hub did not apply); they never reject a write. */
  onError(handler: (error: Error & { code?: string }) => void): () => void;
  /** Forgets a peer that will not come back, so the units kept for it can be collected. */
  forgetPeer(site: number): Promise<void>;
  close(): Promise<void>;
}

export function attachSync(db: ShoalDB, options?: SyncOptions): Promise<SyncPeer>;
export function detachSync(db: ShoalDB): Promise<void>;
export function syncOf(db: ShoalDB): SyncPeer | null;

export interface HubOptions {
  port?: number;
  host?: string;
  /** One token that may read and write every table. */
  token?: string;
  /** Tokens with the tables each may read and write ("*": all). */
  tokens?: Record<string, { name?: string; read?: "*" | string[]; write?: "*" | string[] }>;
  /** "memory" (default) or a folder that keeps the hub's data across restarts. */
  storage?: string;
  durability?: "strict" | "relaxed";
  maxBatchBytes?: number;
  ackTimeoutMs?: number;
  log?: (line: string) => void;
}

export interface Hub {
  readonly url: string;
  readonly port: number;
  readonly db: ShoalDB;
  readonly peer: SyncPeer;
  close(): Promise<void>;
}
