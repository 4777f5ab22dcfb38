#!/usr/bin/env node
// What `npm start` runs: the DynamoDB endpoint and the console on one port. POSTs (and CORS
// preflights) go to the package's HTTP endpoint unchanged; GETs serve the console, the package
// files its pages import, and two small JSON resources under /_console/.
//
//   node demo/server.js [--port N] [--host ADDR] [--storage DIR|memory]   (PORT works too)
//
// `npm start` keeps its tables in ./shoaldb-data (a folder in the working directory, strict
// durability) so they outlive the server; --storage memory keeps nothing.
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { ShoalDB } from "../js/src/index.node.js";
import { startServer } from "../js/src/server/index.js";
import { createChangeVersion } from "./server/change-version.js";
import { serveStatic } from "./server/static-files.js";

const DEFAULT_PORT = 8000;
const DEFAULT_STORAGE = "shoaldb-data";
// GETs that stay the endpoint's: its health check.
const ENDPOINT_GETS = new Set(["/health"]);

/**
 * Starts the endpoint and the console. With `db`, serves that database (left open on close);
 * otherwise opens `storage`: "memory" (the default here) or a folder.
 * @param {{ port?: number, host?: string, db?: ShoalDB, storage?: string }} [options]
 */
export async function startConsoleServer({ port = DEFAULT_PORT, host = "127.0.0.1", db, storage = "memory" } = {}) {
  const ownsDb = db === undefined;
  db ??= await ShoalDB.open(storage === "memory" ? { storage } : { storage: "fs", path: storage });
  let endpoint;
  try {
    endpoint = await startServer({ port, host, db });
  } catch (error) {
    if (ownsDb) await db.close();
    throw error;
  }
  const versions = createChangeVersion(db);

  // The endpoint's server answers every method itself (GET with a health line). Take its one
  // request handler and put this dispatcher in front, so both share the port and the endpoint
  // code stays as it is.
  const { server } = endpoint;
  const handlers = server.listeners("request");
  if (handlers.length !== 1) {
    await endpoint.close();
    if (ownsDb) await db.close();
    throw new Error(`demo/server.js expects the endpoint's server to have one request handler, not ${handlers.length}`);
  }
  const [endpointHandler] = handlers;
  server.removeListener("request", endpointHandler);
  server.on("request", (req, res) => {
    const isGet = req.method === "GET" || req.method === "HEAD";
    if (!isGet || ENDPOINT_GETS.has(new URL(req.url, "http://localhost").pathname)) {
      return endpointHandler.call(server, req, res);
    }
    answerGet(req, res, { versions, storage }).catch((error) => {
      if (res.headersSent) res.destroy(error);
      else sendJson(res, 500, { message: String(error?.message ?? error) });
    });
  });
  await versions.current(); // follow the tables that exist already

  return {
    url: endpoint.url,
    port: endpoint.port,
    db,
    storage: storage === "memory" ? "memory, lost when the server stops" : resolve(storage),
    async close() {
      versions.close();
      await endpoint.close();
      if (ownsDb) await db.close();
    },
  };
}

async function answerGet(req, res, { versions, storage }) {
  req.resume();
  const { pathname } = new URL(req.url, "http://localhost");
  if (pathname === "/_console/info") return sendJson(res, 200, { endpoint: true, storage });
  if (pathname === "/_console/changes") return sendJson(res, 200, { version: await versions.current() });
  if (await serveStatic(req, res, pathname)) return;
  res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" });
  res.end(req.method === "HEAD" ? undefined : `Not found: ${pathname}\n`);
}

function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(body),
    "Cache-Control": "no-store",
  });
  res.end(body);
}

/** --port N | --port=N | PORT=N, --host ADDR | --host=ADDR, --storage DIR|memory. */
export function parseArgs(argv, env = {}) {
  const options = { port: DEFAULT_PORT, host: "127.0.0.1", storage: DEFAULT_STORAGE };
  if (env.PORT !== undefined && env.PORT !== "") options.port = parsePort(env.PORT, "PORT");
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].includes("=") ? argv[i].split(/=(.*)/s, 2) : [argv[i], undefined];
    const value = () => {
      if (inline !== undefined) return inline;
      if (i + 1 >= argv.length) throw new Error(`${flag} needs a value`);
      return argv[++i];
    };
    if (flag === "--port") options.port = parsePort(value(), "--port");
    else if (flag === "--host") options.host = value();
    else if (flag === "--storage") options.storage = value();
    else throw new Error(`unknown option: ${argv[i]} (options: --port N, --host ADDR, --storage DIR|memory)`);
  }
  return options;
}

function parsePort(text, name) {
  if (!/^\d+$/.test(text) || Number(text) > 65535) {
    throw new Error(`${name} must be a number from 0 to 65535, got "${text}"`);
  }
  return Number(text);
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`demo/server.js: ${error.message}`);
    process.exit(2);
  }
  const running = await startConsoleServer(options);
  console.log(`ShoalDB console: ${running.url}/`);
  console.log(`DynamoDB endpoint: ${running.url} (aws --endpoint-url ${running.url}; storage: ${running.storage})`);
  const stop = () => running.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  main().catch((error) => {
    console.error(`demo/server.js: ${error.message}`);
    process.exit(1);
  });
}
