// Cloudflare workerd (the `workerd` npm package) serving DynamoDB's API from a worker that imports
// shoaldb; the engine's wasm is declared as a wasm module in the config and passed as wasmModule.
// Twice: the worker bundled the way wrangler bundles (esbuild, conditions workerd/worker/browser),
// and the package's files declared one module each, unbundled.
import assert from "node:assert/strict";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";
import { build } from "esbuild";
import { dynamoDBEndpointTests } from "../lib/dynamodb-checks.js";
import { startProcess, stopProcess, waitFor } from "../lib/processes.js";

const require = createRequire(import.meta.url);
const EDGE_TEST = fileURLToPath(new URL("..", import.meta.url));
const WORKER = join(EDGE_TEST, "workerd/worker.js");
const PACKAGE = dirname(require.resolve("shoaldb/package.json"));
// The workerd package's own answer: the binary of this platform's @cloudflare/workerd-* package.
const { default: WORKERD, compatibilityDate: COMPATIBILITY_DATE } = require("workerd");

/**
 * Writes config.capnp in `dir` (a worker of these module lines, on 127.0.0.1, port chosen by the
 * OS) and starts `workerd serve`; resolves once it listens. workerd reports the port on the
 * control descriptor (fd 3) as a JSON line {"event":"listen","socket":"http","port":N}.
 */
async function startWorkerd(dir, moduleLines) {
  const config = `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .dynamodbWorker)],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const dynamodbWorker :Workerd.Worker = (
  modules = [
${moduleLines.map((line) => `    ${line},`).join("\n")}
  ],
  compatibilityDate = "${COMPATIBILITY_DATE}",
);
`;
  await writeFile(join(dir, "config.capnp"), config);
  const proc = startProcess(WORKERD, ["serve", "config.capnp", "--control-fd=3"], { cwd: dir, extraPipes: 1 });
  let control = "";
  proc.child.stdio[3].setEncoding("utf8").on("data", (text) => (control += text));
  const port = await waitFor(
    proc,
    () =>
      control
        .split("\n")
        .filter(Boolean)
        .map((line) => JSON.parse(line))
        .find((message) => message.event === "listen" && message.socket === "http")?.port,
    { what: "workerd" },
  );
  return { proc, url: `http://127.0.0.1:${port}/` };
}

/** What workerd does with a module name: the line declaring `file` (relative to the config) as `name`. */
function moduleLine(name, file) {
  const kind = file.endsWith(".wasm") ? "wasm" : "esModule";
  return `(name = ${JSON.stringify(name)}, ${kind} = embed ${JSON.stringify(file)})`;
}

function workerdSuite(name, prepare) {
  describe(name, () => {
    let dir;
    let workerd;
    let url;
    const facts = {};

    before(async () => {
      dir = await mkdtemp(join(tmpdir(), "shoaldb-workerd-"));
      const modules = await prepare(dir, facts);
      ({ proc: workerd, url } = await startWorkerd(dir, modules));
    });

    after(async () => {
      await stopProcess(workerd);
      if (dir) await rm(dir, { recursive: true, force: true });
      if (workerd) assert.notEqual(workerd.exitCode, undefined, "workerd is still running");
    });

    if (name.startsWith("bundled")) {
      test("the bundle took shoaldb's workerd entry and no Node built-in", () => {
        assert.ok(facts.inputs.some((file) => file.endsWith("js/src/index.workerd.js")), facts.inputs.join("\n"));
        assert.ok(!facts.inputs.some((file) => file.startsWith("node:") || file.endsWith(".node.js")), facts.inputs.join("\n"));
      });
    }

    test("without wasmModule, open() says how to pass it", async () => {
      const response = await fetch(new URL("/open-without-wasm", url));
      assert.equal(response.status, 200);
      assert.match(await response.text(), /pass \{ wasmModule \}.*workerd cannot compile wasm/);
    });

    dynamoDBEndpointTests(() => url, "workerd");
  });
}

workerdSuite("bundled like wrangler (esbuild)", async (dir, facts) => {
  const result = await build({
    entryPoints: [WORKER],
    outfile: join(dir, "worker.js"),
    bundle: true,
    format: "esm",
    platform: "neutral",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["browser", "module", "main"],
    // wrangler's rule for .wasm imports: keep the import, ship the file as a wasm module.
    plugins: [
      {
        name: "wasm-modules",
        setup(builder) {
          builder.onResolve({ filter: /\.wasm$/ }, () => ({ path: "./shoal-engine.wasm", external: true }));
        },
      },
    ],
    metafile: true,
    logLevel: "silent",
  });
  facts.inputs = Object.keys(result.metafile.inputs);
  await cp(join(PACKAGE, "dist/shoal-engine.wasm"), join(dir, "shoal-engine.wasm"));
  return [moduleLine("worker.js", "worker.js"), moduleLine("shoal-engine.wasm", "shoal-engine.wasm")];
});

workerdSuite("unbundled: one module per file of the package", async (dir) => {
  // The package as installed (its `files`), under node_modules/shoaldb/, minus what is Node-only.
  const installed = join(dir, "node_modules/shoaldb");
  await cp(join(PACKAGE, "src"), join(installed, "src"), { recursive: true });
  await cp(join(PACKAGE, "dist"), join(installed, "dist"), { recursive: true });
  await cp(WORKER, join(dir, "workerd/worker.js"));
  await cp(join(EDGE_TEST, "lib/dynamodb-app.js"), join(dir, "lib/dynamodb-app.js"));
  const files = (await readdir(installed, { recursive: true }))
    .filter((file) => /\.(m?js|wasm)$/.test(file) && !file.startsWith("src/server") && !/\.(node|deno)\.js$/.test(file))
    .map((file) => relative(dir, join(installed, file)));
  // workerd knows no packages: it resolves every specifier, bare ones too, as a path relative to
  // the importing module. So next to workerd/worker.js, "shoaldb" is a module re-exporting the
  // file that the exports map's workerd condition names, and "shoaldb/dist/shoal-engine.wasm" is
  // the wasm module.
  const exportsMap = JSON.parse(await readFile(join(PACKAGE, "package.json"), "utf8")).exports;
  const entry = join("node_modules/shoaldb", exportsMap["."].workerd);
  await mkdir(join(dir, "shim"));
  await writeFile(join(dir, "shim/shoaldb.js"), `export * from "../${entry}";\n`);
  return [
    moduleLine("workerd/worker.js", "workerd/worker.js"),
    moduleLine("lib/dynamodb-app.js", "lib/dynamodb-app.js"),
    moduleLine("workerd/shoaldb", "shim/shoaldb.js"),
    moduleLine("workerd/shoaldb/dist/shoal-engine.wasm", "node_modules/shoaldb/dist/shoal-engine.wasm"),
    ...files.map((file) => moduleLine(file, file)),
  ];
});
