// Serves the console's files and the package files its pages import, read from the repository as
// they are (no build step): "/" and "/app/" from demo/, "/js/src/" and "/js/dist/" from js/.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const REPO = fileURLToPath(new URL("../..", import.meta.url));
const DEMO = resolve(REPO, "demo");

// Only these are public: demo/server* (the Node side) is not served.
const MOUNTS = [
  { prefix: "/app/", dir: resolve(DEMO, "app") },
  { prefix: "/js/src/", dir: resolve(REPO, "js/src") },
  { prefix: "/js/dist/", dir: resolve(REPO, "js/dist") },
];
const ROOT_FILES = new Map([
  ["/", resolve(DEMO, "index.html")],
  ["/index.html", resolve(DEMO, "index.html")],
  ["/styles.css", resolve(DEMO, "styles.css")],
  ["/favicon.svg", resolve(DEMO, "favicon.svg")],
]);
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".ts": "text/plain; charset=utf-8",
};

/** The file a GET path names, or null. */
export async function fileForPath(pathname) {
  let file = ROOT_FILES.get(pathname) ?? null;
  if (file === null) {
    const mount = MOUNTS.find((m) => pathname.startsWith(m.prefix));
    if (!mount) return null;
    let relative;
    try {
      relative = decodeURIComponent(pathname.slice(mount.prefix.length));
    } catch {
      return null; // malformed %-escape
    }
    file = resolve(mount.dir, relative);
    if (!file.startsWith(mount.dir + sep)) return null; // no ../ escapes
  }
  const info = await stat(file).catch(() => null);
  return info?.isFile() ? { file, size: info.size } : null;
}

/** Answers a GET or HEAD for a static file; false when there is no such file. */
export async function serveStatic(req, res, pathname) {
  const found = await fileForPath(pathname);
  if (!found) return false;
  res.writeHead(200, {
    "Content-Type": TYPES[extname(found.file)] ?? "application/octet-stream",
    "Content-Length": found.size,
    // Files are read from the working tree: always revalidate, so an edit shows on reload.
    "Cache-Control": "no-cache",
    "X-Content-Type-Options": "nosniff",
  });
  if (req.method === "HEAD") res.end();
  else createReadStream(found.file).pipe(res);
  return true;
}
