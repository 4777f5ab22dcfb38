import type { Server } from "node:http";
import type { ShoalDB } from "../index.js";

/** DynamoDB's request size limit (16 MB), the default of maxRequestBytes. */
export const MAX_REQUEST_BYTES: number;

export interface ServerOptions {
  /** TCP port; 0 picks a free one. Default 8000. */
  port?: number;
  /** Address to listen on. Default "127.0.0.1". */
  host?: string;
  /** Storage of the database the server opens (ignored with `db`). Only "memory" so far. */
  storage?: "memory";
  /** Serve this database instead of opening one (it stays open after close()). */
  db?: ShoalDB;
  /** The compiled engine, if it should not be read from the package's dist/ folder. */
  wasmModule?: WebAssembly.Module | Promise<WebAssembly.Module>;
  /** Largest request body accepted, in bytes. Default 16 MB. */
  maxRequestBytes?: number;
}

export interface RunningServer {
  server: Server;
  db: ShoalDB;
  host: string;
  port: number;
  /** e.g. "http://127.0.0.1:8000": the endpoint to give an AWS SDK or the aws CLI. */
  url: string;
  /** Stops listening, drops open connections, and closes the database if the server opened it. */
  close(): Promise<void>;
}

/** Starts a DynamoDB-compatible HTTP endpoint (a drop-in for DynamoDB Local). */
export function startServer(options?: ServerOptions): Promise<RunningServer>;
