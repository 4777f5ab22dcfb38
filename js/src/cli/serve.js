// `shoaldb serve`: the DynamoDB endpoint as a long-running process.
import { resolve } from "node:path";
import { startServer } from "../server/index.js";
import { attachSync } from "../sync/attach.js";
import { integer, oneOf, UsageError } from "./args.js";

/** @type {import("./args.js").Flag[]} */
export const SERVE_FLAGS = [
  {
    name: "--port",
    key: "port",
    value: "N",
    parse: integer(0, 65535),
    help: "TCP port (default 8000; 0 picks a free one)",
  },
  { name: "--host", key: "host", value: "ADDR", help: "address to listen on (default 127.0.0.1)" },
  {
    name: "--storage",
    key: "storage",
    value: "memory|DIR",
    help: "keep tables in memory (default; lost on exit) or in the directory DIR",
  },
  {
    name: "--durability",
    key: "durability",
    value: "strict|relaxed",
    parse: oneOf("strict", "relaxed"),
    help: "with --storage DIR: answer writes once on disk (strict) or within a few ms (relaxed)",
  },
  {
    name: "--access-key-id",
    key: "accessKeyId",
    value: "ID",
    env: "SHOALDB_ACCESS_KEY_ID",
    help: "require AWS SigV4 requests signed with this key (default: anonymous)",
  },
  {
    name: "--secret-access-key",
    key: "secretAccessKey",
    value: "KEY",
    env: "SHOALDB_SECRET_ACCESS_KEY",
    help: "the secret of --access-key-id (prefer the variable: flags show in ps)",
  },
  { name: "--log", key: "log", help: "write one JSON line per request to standard output" },
  {
    name: "--emulate-throughput",
    key: "throughputEmulation",
    help: "PROVISIONED tables past their capacity answer ProvisionedThroughputExceededException (test retries)",
  },
  {
    name: "--sync",
    key: "sync",
    value: "URL",
    help: "also sync, as a peer, with the hub at ws://HOST:PORT (needs --token)",
  },
  { name: "--token", key: "syncToken", value: "T", env: "SHOALDB_SYNC_TOKEN", help: "the token of the --sync hub" },
];

/** startServer's options from serve's parsed flags. */
export function serverOptions(flags) {
  const options = { port: flags.port ?? 8000, host: flags.host ?? "127.0.0.1", log: flags.log === true };
  const storage = flags.storage ?? "memory";
  if (storage === "memory") {
    if (flags.durability !== undefined) throw new UsageError("--durability applies to --storage DIR only");
    options.storage = "memory";
  } else {
    if (storage === "") throw new UsageError("--storage needs \"memory\" or a directory");
    options.storage = "fs";
    options.path = resolve(storage);
    options.durability = flags.durability;
  }
  const { accessKeyId, secretAccessKey } = flags;
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined)) {
    throw new UsageError(
      "--access-key-id and --secret-access-key go together (or SHOALDB_ACCESS_KEY_ID and SHOALDB_SECRET_ACCESS_KEY)",
    );
  }
  if (accessKeyId !== undefined) options.credentials = { accessKeyId, secretAccessKey };
  if (flags.throughputEmulation === true) options.throughputEmulation = true;
  if (flags.sync !== undefined) {
    if (!/^wss?:\/\//.test(flags.sync)) throw new UsageError(`--sync needs a ws:// or wss:// URL, got "${flags.sync}"`);
    if (flags.syncToken === undefined) throw new UsageError("--sync needs --token (or SHOALDB_SYNC_TOKEN)");
    options.sync = { url: flags.sync, token: flags.syncToken };
  }
  return options;
}

/** Runs the endpoint until SIGINT or SIGTERM, then stops gracefully (a second signal exits at once). */
export async function serve(flags, { version }) {
  const options = serverOptions(flags);
  const { sync, ...serverOnly } = options;
  const endpoint = await startServer(serverOnly);
  if (sync) {
    const peer = await attachSync(endpoint.db, sync);
    peer.onError((error) => console.error(`shoaldb: sync: ${error.message}`));
    console.log(`Syncing with the hub at ${sync.url}`);
  }
  const where = options.storage === "memory" ? "storage: memory; data is lost on exit" : `storage: ${options.path}`;
  const auth = options.credentials ? `SigV4, access key ${options.credentials.accessKeyId}` : "anonymous";
  console.log(`ShoalDB ${version} serving DynamoDB on ${endpoint.url} (${where}; auth: ${auth})`);
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) {
      console.error(`shoaldb: ${signal} again, exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    try {
      await endpoint.close(); // finishes the requests in flight, then closes (and flushes) the database
      process.exit(0);
    } catch (error) {
      console.error(`shoaldb: stopping failed: ${error.message}`);
      process.exit(1);
    }
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
