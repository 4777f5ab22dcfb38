// Writes the pre-generated request bodies of every timed phase, one JSON document a line, to
// OUT/<phase>.bodies (wrk-phase.lua reads them). Usage: node generate.mjs OUT
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PHASES, phaseBodies, slug } from "./workload.mjs";

const out = process.argv[2];
mkdirSync(out, { recursive: true });
for (const phase of PHASES) writeFileSync(join(out, `${slug(phase)}.bodies`), phaseBodies(phase).join("\n") + "\n");
