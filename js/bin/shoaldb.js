#!/usr/bin/env node
// The shoaldb command line. Commands and their flags are tables (src/cli/): a new command is a row
// in COMMANDS with its flag table and a function that runs it.
import { readFileSync } from "node:fs";
import { flagUsage, parseFlags, UsageError } from "../src/cli/args.js";
import { HUB_FLAGS, hub } from "../src/cli/hub.js";
import { SERVE_FLAGS, serve } from "../src/cli/serve.js";

const COMMANDS = {
  serve: {
    summary: "Run a DynamoDB-compatible HTTP endpoint (a drop-in for DynamoDB Local)",
    flags: SERVE_FLAGS,
    run: serve,
  },
  hub: {
    summary: "Run a sync hub: peers (apps, other devices, serve --sync) converge through it",
    flags: HUB_FLAGS,
    run: hub,
  },
};

function usage() {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length)) + 2;
  const commands = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}${c.summary}`);
  const options = Object.entries(COMMANDS).map(([name, c]) => `Options for ${name}:\n${flagUsage(c.flags)}`);
  return `Usage: shoaldb <command> [options]

Commands:
${commands.join("\n")}

${options.join("\n\n")}

  -h, --help       show this help
  -v, --version    show the version

Point any AWS SDK or the aws CLI at the printed URL (e.g. --endpoint-url http://127.0.0.1:8000). Without
--access-key-id any credentials and any region are accepted; GET /health reports the server's state.`;
}

function version() {
  return JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).version;
}

async function main(argv) {
  const [name, ...rest] = argv;
  if (name === undefined || name === "-h" || name === "--help" || name === "help") return console.log(usage());
  if (name === "-v" || name === "--version") return console.log(version());
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (command === undefined) throw new UsageError(`unknown command: ${name}`);
  if (rest.includes("-h") || rest.includes("--help")) return console.log(usage());
  return command.run(parseFlags(command.flags, rest, process.env), { version: version() });
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) {
    console.error(`shoaldb: ${error.message}\n\n${usage()}`);
    process.exit(2);
  }
  console.error(`shoaldb: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
