// A tiny static file server for the browser tests, on 127.0.0.1 only: /js/* serves the repo's js/
// folder (the package as a browser loads it, unbundled), extra mounts serve what a test built
// (bundles), and everything else serves pages/.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const BASE_MOUNTS = [{ prefix: "/js/", dir: resolve(ROOT, "js") }];
const PAGES = { prefix: "/", dir: resolve(ROOT, "web-test/pages") };
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
};

/** @param {{ mounts?: Array<{ prefix: string, dir: string }> }} [options] prefixes start and end with "/" */
export async function startStaticServer({ mounts = [] } = {}) {
  const all = [...BASE_MOUNTS, ...mounts.map((m) => ({ prefix: m.prefix, dir: resolve(m.dir) })), PAGES];
  const server = createServer(async (req, res) => {
    try {
      const file = await resolveFile(all, new URL(req.url, "http://localhost").pathname);
      if (!file) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
      createReadStream(file).pipe(res);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => (server.closeAllConnections(), server.close(done))),
  };
}

async function resolveFile(mounts, pathname) {
  const mount = mounts.find((m) => pathname.startsWith(m.prefix));
  const relative = decodeURIComponent(pathname.slice(mount.prefix.length)) || "index.html";
  const file = resolve(mount.dir, relative);
  if (file !== mount.dir && !file.startsWith(mount.dir + sep)) return null; // no ../ escapes
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? file : null;
}
