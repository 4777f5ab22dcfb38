#!/usr/bin/env node
// The shoaldb command line. Commands and their flags are tables (src/cli/): a new command is a row
// in COMMANDS with its flag table and a function that runs it.
import { readFileSync } from "node:fs";
import { flagUsage, parseFlags, UsageError } from "../src/cli/args.js";
import { HUB_FLAGS, hub } from "../src/cli/hub.js";
import { SERVE_FLAGS, serve } from "../src/cli/serve.js";
import { EXPORT_FLAGS, exportCommand, IMPORT_FLAGS, importCommand } from "../src/cli/export-import.js";

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
  export: {
    summary: "Write every item of TABLE to FILE as DynamoDB JSON lines (DynamoDB's export format)",
    positionals: ["TABLE", "FILE"],
    flags: EXPORT_FLAGS,
    run: exportCommand,
  },
  import: {
    summary: "Put every item of FILE (DynamoDB JSON lines, or .json.gz) into the existing TABLE",
    positionals: ["FILE", "TABLE"],
    flags: IMPORT_FLAGS,
    run: importCommand,
  },
};

// "export TABLE FILE": a command with the arguments it takes before its options.
const synopsis = (name) => [name, ...(COMMANDS[name].positionals ?? [])].join(" ");

function usage() {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => synopsis(name).length)) + 2;
  const commands = Object.entries(COMMANDS).map(([name, c]) => `  ${synopsis(name).padEnd(width)}${c.summary}`);
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
  const positionals = command.positionals ?? [];
  const args = rest.slice(0, positionals.length);
  if (args.length < positionals.length || args.some((arg) => arg.startsWith("--"))) {
    throw new UsageError(`${name} takes ${positionals.join(" ")} first, then its options`);
  }
  const flags = parseFlags(command.flags, rest.slice(positionals.length), process.env);
  return command.run(flags, { version: version(), args });
}

main(process.argv.slice(2)).catch((error) => {
  if (error instanceof UsageError) {
    console.error(`shoaldb: ${error.message}\n\n${usage()}`);
    process.exit(2);
  }
  console.error(`shoaldb: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
