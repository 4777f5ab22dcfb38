// `shoaldb hub`: a sync hub (src/sync/hub.js) as a long-running process.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { runHub } from "../sync/hub.js";
import { integer, oneOf, UsageError } from "./args.js";

/** @type {import("./args.js").Flag[]} */
export const HUB_FLAGS = [
  {
    name: "--port",
    key: "port",
    value: "N",
    parse: integer(0, 65535),
    help: "TCP port (default 8002; 0 picks a free one)",
  },
  { name: "--host", key: "host", value: "ADDR", help: "address to listen on (default 127.0.0.1)" },
  {
    name: "--token",
    key: "token",
    value: "T",
    env: "SHOALDB_SYNC_TOKEN",
    help: "the token peers present; it may read and write every table",
  },
  {
    name: "--tokens",
    key: "tokens",
    value: "FILE",
    help: 'JSON {"TOKEN": {"name": "...", "read": "*" | [tables], "write": "*" | [tables]}}',
  },
  {
    name: "--storage",
    key: "storage",
    value: "memory|DIR",
    help: "keep the hub's data in memory (default) or in the directory DIR (survives restarts)",
  },
  {
    name: "--durability",
    key: "durability",
    value: "strict|relaxed",
    parse: oneOf("strict", "relaxed"),
    help: "with --storage DIR: acknowledge peers' writes once on disk (strict, default) or within a few ms",
  },
];

/** runHub's options from hub's parsed flags. */
export function hubOptions(flags) {
  const options = { port: flags.port ?? 8002, host: flags.host ?? "127.0.0.1", durability: flags.durability };
  if (flags.token === undefined && flags.tokens === undefined) {
    throw new UsageError("hub needs --token T or --tokens FILE");
  }
  if (flags.token !== undefined) {
    if (flags.token === "") throw new UsageError("--token must not be empty");
    options.token = flags.token;
  }
  if (flags.tokens !== undefined) {
    try {
      options.tokens = JSON.parse(readFileSync(resolve(flags.tokens), "utf8"));
    } catch (error) {
      throw new UsageError(`--tokens ${flags.tokens}: ${error.message}`);
    }
  }
  const storage = flags.storage ?? "memory";
  if (storage === "") throw new UsageError('--storage needs "memory" or a directory');
  options.storage = storage === "memory" ? "memory" : resolve(storage);
  if (storage === "memory" && flags.durability !== undefined) {
    throw new UsageError("--durability applies to --storage DIR only");
  }
  return options;
}

/** Runs the hub until SIGINT or SIGTERM. */
export async function hub(flags, { version }) {
  const options = hubOptions(flags);
  const running = await runHub({ ...options, log: (line) => console.log(`shoaldb hub: ${line}`) });
  const where = options.storage === "memory" ? "storage: memory; data is lost on exit" : `storage: ${options.storage}`;
  console.log(`ShoalDB ${version} sync hub on ${running.url} (${where})`);
  let stopping = false;
  const stop = async () => {
    if (stopping) process.exit(1);
    stopping = true;
    try {
      await running.close();
      process.exit(0);
    } catch (error) {
      console.error(`shoaldb: stopping failed: ${error.message}`);
      process.exit(1);
    }
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
