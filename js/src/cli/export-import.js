// `shoaldb export TABLE FILE` and `shoaldb import FILE TABLE`: a table as DynamoDB JSON lines
// (DynamoDB's export format, src/backup/), from and to a database folder (--storage DIR) or a
// running endpoint (--endpoint URL). FILE "-" is standard output / input; a FILE ending in .gz is
// written gzipped, and a gzipped FILE is read as such (DynamoDB's exports are .json.gz). A
// progress bar runs on stderr when it is a terminal.
import { existsSync, createReadStream, createWriteStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { resolve } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import { pipeline as pipelineStreams } from "node:stream";
import { createGunzip, createGzip } from "node:zlib";
import { exportTable } from "../backup/export-table.js";
import { importTable } from "../backup/import-table.js";
import { UsageError } from "./args.js";
import { endpointClient } from "./endpoint-client.js";
import { bytes, count, createProgress } from "./progress-bar.js";

/** @type {import("./args.js").Flag[]} */
const TARGET_FLAGS = [
  {
    name: "--storage",
    key: "storage",
    value: "DIR",
    help: "the database folder (as `serve --storage DIR`); not while a server has it open",
  },
  {
    name: "--endpoint",
    key: "endpoint",
    value: "URL",
    help: "a running endpoint instead (e.g. http://127.0.0.1:8000; anonymous)",
  },
  { name: "--quiet", key: "quiet", help: "no progress bar and no summary on stderr" },
];
export const EXPORT_FLAGS = TARGET_FLAGS;
export const IMPORT_FLAGS = TARGET_FLAGS;

/** `shoaldb export TABLE FILE`. */
export async function exportCommand(flags, { args = [], stderr = process.stderr, stdout = process.stdout } = {}) {
  const [table, file] = positionals(args, ["TABLE", "FILE"]);
  checkTargetFlags(flags);
  const target = await openTarget(flags, { mustExist: true });
  try {
    const { Table } = await target.execute("DescribeTable", { TableName: table });
    const progress = flags.quiet
      ? silent
      : createProgress({ stream: stderr, label: `export ${table}`, total: Table.ItemCount });
    let items = 0;
    const lines = exportTable(target, table, { onProgress: (p) => progress.update((items = p.items)) });
    const out = file === "-" ? stdout : createWriteStream(resolve(file));
    const stages = file.endsWith(".gz") ? [createGzip()] : [];
    await pipeline(Readable.from(lines), ...stages, out, file === "-" ? { end: false } : {});
    progress.done(items);
    const where = file === "-" ? "standard output" : file;
    if (!flags.quiet) stderr.write(`shoaldb: exported ${count(items)} items of ${table} to ${where}\n`);
  } finally {
    await target.close();
  }
}

/** `shoaldb import FILE TABLE`. */
export async function importCommand(flags, { args = [], stderr = process.stderr, stdin = process.stdin } = {}) {
  const [file, table] = positionals(args, ["FILE", "TABLE"]);
  checkTargetFlags(flags);
  let size;
  if (file !== "-") {
    const info = await stat(resolve(file)).catch(() => null);
    if (!info?.isFile()) throw new Error(`no such file: ${file}`);
    size = info.size;
  }
  const target = await openTarget(flags, { mustExist: false });
  try {
    let read = 0;
    const counter = new Transform({
      transform(chunk, _encoding, done) {
        read += chunk.length;
        done(null, chunk);
      },
    });
    const raw = file === "-" ? stdin : createReadStream(resolve(file));
    const stages = file !== "-" && (await isGzip(resolve(file))) ? [createGunzip()] : [];
    const source = pipelineStreams(raw, counter, ...stages, () => {});
    const progress = flags.quiet
      ? silent
      : createProgress({ stream: stderr, label: `import ${table}`, total: size, format: bytes });
    const result = await importTable(target, table, source, {
      onProgress: ({ items }) => progress.update(read, `${count(items)} items`),
    });
    progress.done(read, `${count(result.items)} items`);
    const where = file === "-" ? "standard input" : file;
    if (!flags.quiet) stderr.write(`shoaldb: imported ${count(result.items)} items into ${table} from ${where}\n`);
  } finally {
    await target.close();
  }
}

const silent = { update() {}, done() {} };

function positionals(args, names) {
  if (args.length !== names.length) {
    throw new UsageError(`expected ${names.join(" ")}, got ${args.length ? args.join(" ") : "nothing"}`);
  }
  for (const [i, value] of args.entries()) {
    if (value === "") throw new UsageError(`${names[i]} must not be empty`);
  }
  return args;
}

function checkTargetFlags(flags) {
  if (flags.storage !== undefined && flags.endpoint !== undefined) {
    throw new UsageError("give --storage DIR or --endpoint URL, not both");
  }
  if (flags.endpoint === undefined && (flags.storage === undefined || flags.storage === "")) {
    throw new UsageError("say where the table is: --storage DIR or --endpoint URL");
  }
}

// Something with execute() and close(): the database folder, or the endpoint.
async function openTarget(flags, { mustExist }) {
  if (flags.endpoint !== undefined) {
    try {
      return endpointClient(flags.endpoint);
    } catch (error) {
      throw new UsageError(error.message);
    }
  }
  const path = resolve(flags.storage);
  // Opening a folder that holds no database would create one; exporting from it is a mistake.
  if (mustExist && !existsSync(path)) throw new Error(`no database at ${path}`);
  const { ShoalDB } = await import("../index.node.js");
  // Relaxed: an import's batches are flushed together, and close() flushes and checkpoints.
  const db = await ShoalDB.open({ storage: "fs", path, durability: "relaxed" });
  return { execute: (operation, input) => db.execute(operation, input), close: () => db.close() };
}

async function isGzip(path) {
  const handle = await open(path, "r");
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}
