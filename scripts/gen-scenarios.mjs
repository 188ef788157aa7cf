#!/usr/bin/env node
// Scenario files for the CI-scale benchmark (issue 17 item 6): FILES files of STEPS steps each,
// all naming one state by "stateFile", steps drawn in turn from a gen-state.mjs query mix (so they
// both succeed and fail, and successful ones change the state the next step sees).
//   node scripts/gen-scenarios.mjs --state STATE.json --queries QUERIES.json --out DIR [--files 1000] [--steps 20]
import fs from "node:fs";
import path from "node:path";

const args = { state: null, queries: null, out: null, files: 1000, steps: 20 };
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i += 2) {
  const key = argv[i].replace(/^--/, "");
  if (!(key in args)) throw new Error(`unknown option ${argv[i]}`);
  args[key] = typeof args[key] === "number" ? Number(argv[i + 1]) : argv[i + 1];
}
if (!args.state || !args.queries || !args.out) {
  console.error("usage: node scripts/gen-scenarios.mjs --state STATE.json --queries QUERIES.json --out DIR [--files N] [--steps N]");
  process.exit(2);
}
const requests = JSON.parse(fs.readFileSync(args.queries, "utf8")).shareRecordingWithUser;
fs.mkdirSync(args.out, { recursive: true });
const stateFile = path.relative(args.out, path.resolve(args.state));
let next = 0;
for (let f = 0; f < args.files; f++) {
  const steps = [];
  for (let s = 0; s < args.steps; s++) {
    const request = requests[next++ % requests.length];
    // Half the steps carry an expectation that holds, so the comparison runs too.
    steps.push(s % 2 ? { name: `step ${s}`, request, expect: { operation: "hmp.shareRecordingWithUser" } } : { request });
  }
  fs.writeFileSync(path.join(args.out, `scenario-${String(f).padStart(4, "0")}.json`), JSON.stringify({ stateFile, steps }));
}
console.error(`[gen-scenarios] ${args.files} files x ${args.steps} steps -> ${args.out}`);
