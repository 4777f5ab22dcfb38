import type { Server } from "node:http";
import type { ShoalDB } from "../index.js";

/** DynamoDB's request size limit (16 MB), the default of maxRequestBytes. */
export const MAX_REQUEST_BYTES: number;

/** The defaults of startServer's options. */
export const SERVER_DEFAULTS: Readonly<{
  port: number;
  host: string;
  maxRequestBytes: number;
  maxConcurrentRequests: number;
  maxQueuedRequests: number;
  maxBufferedBytes: number;
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  responseTimeoutMs: number;
  keepAliveTimeoutMs: number;
  shutdownTimeoutMs: number;
  gzipMinBytes: number;
}>;

/** A key pair requests may be signed with (AWS Signature Version 4). */
export interface ServerCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** When set, requests with this key must carry it as X-Amz-Security-Token. */
  sessionToken?: string;
}

/** One line of the request log. */
export interface RequestLogEntry {
  time: string;
  requestId: string;
  remote?: string;
  method: string;
  path: string;
  status: number;
  ms: number;
  bytesIn: number;
  bytesOut: number;
  operation?: string;
  /** The error type (e.g. "ValidationException") of a failed request. */
  error?: string;
  accessKeyId?: string;
  gzip?: true;
  /** The connection closed before the response was complete. */
  aborted?: true;
}

export interface ServerOptions {
  /** TCP port; 0 picks a free one. Default 8000. */
  port?: number;
  /** Address to listen on. Default "127.0.0.1". */
  host?: string;
  /** Storage of the database the server opens (ignored with `db`): "memory" (default) or "fs". */
  storage?: "memory" | "fs";
  /** With storage "fs": the directory. */
  path?: string;
  /** With durable storage: "strict" or "relaxed" (ShoalDB.open's option). */
  durability?: "strict" | "relaxed";
  /** Serve this database instead of opening one (it stays open after close()). */
  db?: ShoalDB;
  /** The compiled engine, if it should not be read from the package's dist/ folder. */
  wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>;
  /**
   * Require AWS Signature Version 4 made with one of these keys. Without it the endpoint is
   * anonymous, like DynamoDB Local: any credentials and any region.
   */
  credentials?: ServerCredentials | ServerCredentials[];
  /** Log one JSON line per request: true for standard output, a function, or a writable stream. */
  log?: boolean | ((entry: RequestLogEntry) => void) | { write(line: string): unknown };
  /** Largest request body accepted, in bytes; larger ones get 413. Default 16 MB. */
  maxRequestBytes?: number;
  /** Requests read and run at once; more wait in a queue. Default 128. */
  maxConcurrentRequests?: number;
  /** Requests that may wait; more are refused with ThrottlingException. Default 1024. */
  maxQueuedRequests?: number;
  /** Bytes of request bodies held in memory at once (by declared length). Default 128 MB. */
  maxBufferedBytes?: number;
  /** Open connections; more are dropped at once. Default 4096. */
  maxConnections?: number;
  /** Time for a client to send its request headers before 408. Default 10 s. */
  headersTimeoutMs?: number;
  /** Time for a client to send its whole request before 408. Default 60 s. */
  requestTimeoutMs?: number;
  /** Time for a client to read what of a response the socket buffers could not hold, then cut. Default 60 s. */
  responseTimeoutMs?: number;
  /** How long an idle keep-alive connection stays open. Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** How long close() waits for requests in flight before cutting their connections. Default 10 s. */
  shutdownTimeoutMs?: number;
  /** Responses at least this large are gzipped for clients that accept gzip. Default 1024. */
  gzipMinBytes?: number;
}

/** What GET /health answers (HTTP 200, or 503 while draining). */
export interface ServerHealth {
  status: "ok" | "draining";
  service: "shoaldb";
  version: string;
  uptimeSeconds: number;
  auth: "sigv4" | "anonymous";
  requests: { inFlight: number; running: number; queued: number };
}

export interface RunningServer {
  server: Server;
  db: ShoalDB;
  host: string;
  port: number;
  /** e.g. "http://127.0.0.1:8000": the endpoint to give an AWS SDK or the aws CLI. */
  url: string;
  /** The server's state, as GET /health reports it. */
  health(): ServerHealth;
  /**
   * Stops gracefully: no new connections, idle ones closed, requests in flight answered (cut after
   * shutdownTimeoutMs), then the database is closed if the server opened it.
   */
  close(): Promise<void>;
}

/** Starts a DynamoDB-compatible HTTP endpoint (a drop-in for DynamoDB Local). */
export function startServer(options?: ServerOptions): Promise<RunningServer>;
