#!/usr/bin/env node
// The shoaldb command line: `shoaldb serve` runs the DynamoDB-compatible HTTP endpoint.
import { readFileSync } from "node:fs";
import { startServer } from "../src/server/index.js";

const USAGE = `Usage: shoaldb <command> [options]

Commands:
  serve            Run a DynamoDB-compatible HTTP endpoint (a drop-in for DynamoDB Local)

Options for serve:
  --port N         TCP port to listen on (default 8000; 0 picks a free port)
  --host ADDR      address to listen on (default 127.0.0.1)
  --storage KIND   "memory" (default). A directory for durable storage is not supported yet.

  -h, --help       show this help
  -v, --version    show the version

Point any AWS SDK or the aws CLI at the printed URL (e.g. --endpoint-url http://127.0.0.1:8000),
with any credentials and any region.`;

class UsageError extends Error {}

function parseServeArgs(args) {
  const options = { port: 8000, host: "127.0.0.1", storage: "memory" };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? arg.split(/=(.*)/s, 2) : [arg, undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= args.length) throw new UsageError(`${flag} needs a value`);
      return args[++i];
    };
    switch (flag) {
      case "--port": {
        const text = value();
        const port = Number(text);
        if (!/^\d+$/.test(text) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`);
        options.port = port;
        break;
      }
      case "--host":
        options.host = value();
        break;
      case "--storage":
        options.storage = value();
        break;
      case "--durability":
      case "--sync":
      case "--token":
        throw new UsageError(`${flag} is not supported yet`);
      default:
        throw new UsageError(`unknown option for serve: ${arg}`);
    }
  }
  if (options.storage !== "memory") {
    throw new UsageError(
      `--storage ${options.storage}: storing tables in a directory is not supported yet (durability comes in a ` +
        "later release); use --storage memory",
    );
  }
  return options;
}

async function serve(args) {
  const options = parseServeArgs(args);
  const endpoint = await startServer(options);
  console.log(`ShoalDB ${version()} serving DynamoDB on ${endpoint.url} (storage: memory; data is lost on exit)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await endpoint.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

function version() {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  return pkg.version;
}

async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined || command === "-h" || command === "--help" || command === "help") {
    console.log(USAGE);
    return;
  }
  if (command === "-v" || command === "--version") {
    console.log(version());
    return;
  }
  if (command === "serve") {
    if (rest.includes("-h") || rest.includes("--help")) {
      console.log(USAGE);
      return;
    }
    return serve(rest);
  }
  throw new UsageError(`unknown command: ${command}`);
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) {
    console.error(`shoaldb: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error(`shoaldb: ${error.message}`);
  process.exit(1);
});
