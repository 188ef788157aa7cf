// Turns bench/run.mjs's results (and the native program's) into the Markdown table of BENCHMARKS.md.
//   node bench/report.mjs RESULTS.json [NATIVE-S.json NATIVE-M.json …]   (native files named *-<size>.json)
import fs from "node:fs";

import { targetLine } from "./targets.mjs";

const res = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const native = {};
for (const f of process.argv.slice(3)) {
  const m = /-([SML])\.json$/.exec(f);
  if (m && fs.existsSync(f) && fs.statSync(f).size) native[m[1]] = JSON.parse(fs.readFileSync(f, "utf8"));
}
const MB = (b) => `${(b / 1048576).toFixed(1)} MiB`;
const f2 = (x) => (x === undefined || Number.isNaN(x) ? "–" : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const sizes = Object.keys(res.cases);
const lines = [];
const row = (cells) => lines.push(`| ${cells.join(" | ")} |`);

lines.push("### State load and memory", "");
row(["", ...sizes]); row(["---", ...sizes.map(() => "---:")]);
row(["state text", ...sizes.map((s) => MB(res.cases[s].textBytes))]);
row(["JSON.parse time (s)", ...sizes.map((s) => f2(res.cases[s].jsonParse.seconds))]);
row(["JSON.parse heap", ...sizes.map((s) => MB(res.cases[s].jsonParse.heapBytes))]);
row(["share-policy `load` (s)", ...sizes.map((s) => f2(res.cases[s].sharePolicy.loadSeconds))]);
row(["  ÷ JSON.parse", ...sizes.map((s) => `${f2(res.cases[s].sharePolicy.loadSeconds / res.cases[s].jsonParse.seconds)}×`)]);
row(["share-policy wasm memory after load", ...sizes.map((s) => MB(res.cases[s].sharePolicy.wasmMemoryBytes))]);
row(["  ÷ text size", ...sizes.map((s) => `${f2(res.cases[s].sharePolicy.wasmMemoryBytes / res.cases[s].textBytes)}×`)]);
row(["share-policy `loadStream` from a file stream (s)", ...sizes.map((s) => f2(res.cases[s].sharePolicy.streamSeconds))]);
row(["  wasm memory after it (fresh instance) ÷ text", ...sizes.map((s) => `${f2(res.cases[s].sharePolicy.streamWasmMemoryBytes / res.cases[s].textBytes)}×`)]);
row(["native `load_state` (s)", ...sizes.map((s) => f2(native[s]?.load.seconds))]);
row(["native model (malloc'd bytes)", ...sizes.map((s) => (native[s] ? MB(native[s].load.modelBytes) : "–"))]);
row(["  ÷ text size", ...sizes.map((s) => (native[s] ? `${f2(native[s].load.modelBytes / native[s].textBytes)}×` : "–"))]);
row(["native nlohmann DOM parse (s) / bytes", ...sizes.map((s) => (native[s] ? `${f2(native[s].nlohmannDom.parseSeconds)} / ${MB(native[s].nlohmannDom.bytes)}` : "–"))]);
for (const name of Object.keys(res.cases[sizes[0]].peers)) {
  row([`${name}: model build after JSON.parse (s) / heap`, ...sizes.map((s) => {
    const p = res.cases[s].peers[name];
    return !p || p.skipped ? "skipped" : `${f2(p.buildSeconds)} / ${MB(p.heapBytes)}`;
  })]);
}
lines.push("", "### µs per shareRecordingWithUser decision (single calls over the whole query mix, best pass)", "");
const engines = new Set();
for (const s of sizes) for (const k of Object.keys(res.cases[s].decision ?? {})) engines.add(k);
row(["engine", ...sizes]); row(["---", ...sizes.map(() => "---:")]);
for (const e of engines) row([e, ...sizes.map((s) => f2(res.cases[s].decision?.[e]?.usPerCall) + (res.cases[s].decision?.[e]?.calls < (res.cases[s].agreement?.["JS baseline (Maps)"]?.checked ?? 0) ? ` (${res.cases[s].decision[e].calls} queries)` : ""))]);
row(["native core, typed API (no JSON)", ...sizes.map((s) => f2(native[s]?.decisionTyped.usPerCall))]);
row(["native core, text API (as the wasm binding)", ...sizes.map((s) => f2(native[s]?.decisionText.usPerCall))]);
row(["native core, decision only, typed (`decide_share`: ok, status, error code)", ...sizes.map((s) => f2(native[s]?.decisionOnlyTyped?.usPerCall))]);
row(["native core, the same inside a Result (`can_share`, Detail::kDecision)", ...sizes.map((s) => f2(native[s]?.decisionCodedResultTyped?.usPerCall))]);
row(["native core, decision with its response, typed (Detail::kResponse, as canShareBatch items)", ...sizes.map((s) => f2(native[s]?.decisionResponseTyped?.usPerCall))]);
row(["native core, outcome only, typed (Detail::kOutcome, as decide_rows)", ...sizes.map((s) => f2(native[s]?.decisionOutcomeTyped?.usPerCall))]);
row(["native core, `can_share_batch` text (as canShareBatch)", ...sizes.map((s) => f2(native[s]?.decisionBatch?.usPerCall))]);
row(["native core, `decide_rows` (as canShareBatchCodes)", ...sizes.map((s) => f2(native[s]?.decisionRows?.usPerCall))]);
lines.push("", "### Reassign-all of the big Webex owner", "");
row(["", ...sizes]); row(["---", ...sizes.map(() => "---:")]);
row(["recordings moved", ...sizes.map((s) => res.cases[s].reassignAll?.moved ?? "–")]);
row(["share-policy package `resolveReassign` (ms)", ...sizes.map((s) => f2(res.cases[s].reassignAll?.ms))]);
row([
  "share-policy package `resolveReassign(r, {items: 100})`, paged (ms)",
  ...sizes.map((s) => f2(res.cases[s].reassignAll?.pagedMs)),
]);
row(["native typed `resolve_reassign_in_place` (ms)", ...sizes.map((s) => f2(native[s]?.reassignAll.typedMs))]);
row([
  "native `resolve_reassign_pages_in_place` + summary of 100 (ms)",
  ...sizes.map((s) => f2(native[s]?.reassignAll.pagedMs)),
]);
row(["native text API incl. result JSON (ms)", ...sizes.map((s) => f2(native[s]?.reassignAll.textMs))]);
row(["result JSON size", ...sizes.map((s) => (native[s] ? MB(native[s].reassignAll.resultBytes) : "–"))]);
lines.push("", "### Package size", "");
row(["package", "raw", "gzip -9"]); row(["---", "---:", "---:"]);
for (const [k, v] of Object.entries(res.sizes)) row([k, `${(v.raw / 1024).toFixed(0)} KiB`, `${(v.gzip / 1024).toFixed(0)} KiB`]);
lines.push("", "### Agreement (before timing) and outcome mix", "");
for (const s of sizes) lines.push(`- ${s}: outcomes ${JSON.stringify(res.cases[s].outcomes)}; checked ${Object.entries(res.cases[s].agreement ?? {}).map(([k, v]) => `${k} ${v.checked} (${v.disagreements} disagreements)`).join(", ")}`);

// Issue 11's targets, one line each (bench/targets.mjs).
lines.push("", "### Targets", "");
const us = (s, engine) => res.cases[s]?.decision?.[engine]?.usPerCall;
const fastestBatch = (s) => {
  const forms = ["share-policy batch codes (columns)", "share-policy batch codes", "share-policy batch"]
    .map((e) => us(s, e))
    .filter((x) => x !== undefined);
  return forms.length ? Math.min(...forms) : undefined;
};
const targets = [];
for (const s of sizes.filter((x) => x !== "L")) {
  const casl = us(s, "CASL");
  targets.push(targetLine(`batch per decision ${s}`, { measured: casl ? fastestBatch(s) / casl : undefined, goal: 0.5, unit: "× CASL" }));
}
if (sizes.includes("M")) {
  // The full result, measured with access read (the row "share-policy (access read)"), where the
  // run has it: packages before the fourteenth session read access only when it was first read.
  const single = (s) => us(s, "share-policy (access read)") ?? us(s, "share-policy (wasm package)");
  targets.push(targetLine("single canShare preview M, access read", { measured: single("M"), goal: 20, unit: "µs" }));
  // Not a target: the same row against the JSON.parse reference timed with it (bench/run.mjs
  // perCallTogether), a figure the machine's changes of speed move less than the µs above.
  const reference = us("M", "reference: JSON.parse of the full result's text");
  if (single("M") && reference) {
    targets.push(`(single canShare preview M, access read, ÷ the JSON.parse reference timed with it: ${(single("M") / reference).toFixed(2)} ×)`);
  }
  if (sizes.includes("S")) {
    targets.push(targetLine("single canShare preview M ÷ S, access read", { measured: single("M") / single("S"), goal: 2, unit: "×" }));
  }
}
for (const s of sizes) {
  // decide_share: the decision with no Result around it (the rows above show the Result forms).
  targets.push(targetLine(`native decision only ${s}`, { measured: native[s]?.decisionOnlyTyped?.usPerCall, goal: 0.3, unit: "µs" }));
}
const largest = sizes[sizes.length - 1];
if (largest !== "S" && native.S && native[largest]) {
  // "Flat from S to L": read as at most 1.5× from S to the largest size run (docs/DECISIONS.md).
  const ratio = native[largest].decisionOnlyTyped?.usPerCall / native.S.decisionOnlyTyped?.usPerCall;
  targets.push(targetLine(`native decision only ${largest} ÷ S`, { measured: ratio, goal: 1.5, unit: "×" }));
}
// Issue 12's load and bulk targets.
for (const s of sizes.filter((x) => x !== "L")) {
  const c = res.cases[s];
  targets.push(targetLine(`load ${s}`, { measured: c.sharePolicy.loadSeconds / c.jsonParse.seconds, goal: 2, unit: "× JSON.parse" }));
  // The streamed load is how the page opens a File: the same goal (issue 12 item 1, "Blob/File").
  targets.push(targetLine(`loadStream ${s}`, { measured: c.sharePolicy.streamSeconds / c.jsonParse.seconds, goal: 2, unit: "× JSON.parse" }));
  targets.push(targetLine(`wasm memory after load ${s}`, { measured: c.sharePolicy.wasmMemoryBytes / (native[s]?.textBytes ?? NaN), goal: 1.5, unit: "× text" }));
  // The streamed load's memory is also its peak (wasm memory never shrinks): the ≤ 2× peak goal.
  targets.push(targetLine(`wasm memory after loadStream ${s}`, { measured: c.sharePolicy.streamWasmMemoryBytes / c.textBytes, goal: 1.5, unit: "× text" }));
  const n = native[s];
  targets.push(targetLine(`native load ${s}`, { measured: n ? n.textBytes / n.load.seconds / 1e6 : undefined, goal: 300, unit: "MB/s", atMost: false }));
  targets.push(targetLine(`native model ${s}`, { measured: n ? n.load.modelBytes / n.textBytes : undefined, goal: 1, unit: "× text" }));
}
if (sizes.includes("M")) {
  // The paged forms (summary and the first 100 items; every item readable after): issue 12 item 4.
  targets.push(targetLine("reassign-all M, package", { measured: res.cases.M.reassignAll?.pagedMs, goal: 200, unit: "ms" }));
  targets.push(targetLine("reassign-all M, native", { measured: native.M?.reassignAll.pagedMs, goal: 30, unit: "ms" }));
}
for (const t of targets) lines.push(`    ${t}`);
console.log(lines.join("\n"));
