// One streamed load of a state file through the package (issue 12, item 3): loadStream from
// fs.createReadStream, with progress. Prints the time, the rate, the WebAssembly memory (after the
// load; it never shrinks, so also its peak) and the process's peak RSS, and writes them as JSON.
// Run by scripts/bench-xl; not a test.
//
//   node bench/load-stream.mjs --package DIR --state FILE [--json OUT]
import fs from "node:fs";
import { constants } from "node:buffer";
import path from "node:path";
import { pathToFileURL } from "node:url";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), [])
);
if (!args.package || !args.state) {
  console.error("usage: node bench/load-stream.mjs --package DIR --state FILE [--json OUT]");
  process.exit(2);
}

// The package does not expose its WebAssembly memory: catch it as the module instantiates.
let wasmMemory = null;
const original = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...a) {
  const r = await original.apply(this, a);
  wasmMemory ??= Object.values((r.instance ?? r).exports).find((v) => v instanceof WebAssembly.Memory) ?? null;
  return r;
};
const MiB = (n) => (n / 2 ** 20).toFixed(0);
const wasmBytes = () => wasmMemory?.buffer.byteLength ?? NaN;

const { createSharePolicy } = await import(pathToFileURL(path.join(path.resolve(args.package), "index.js")).href);
const sp = await createSharePolicy();
const textBytes = fs.statSync(args.state).size;
const out = {
  date: new Date().toISOString(),
  node: process.version,
  file: path.basename(args.state),
  textBytes,
  v8MaxStringLength: constants.MAX_STRING_LENGTH,
  pastLongestString: textBytes > constants.MAX_STRING_LENGTH,
  loadavg: (await import("node:os")).loadavg().map((x) => Number(x.toFixed(2))),
  wasmBytesBefore: wasmBytes(),
};
console.log(`${out.file}: ${MiB(textBytes)} MiB of JSON; V8's longest string is ${MiB(constants.MAX_STRING_LENGTH)} Mi characters` +
  (out.pastLongestString ? " (JSON.parse cannot be given this text)" : ""));

let nextTenth = 0.1;
let progressCalls = 0;
const t0 = performance.now();
let loaded;
try {
  loaded = await sp.loadStream(fs.createReadStream(args.state, { highWaterMark: 1 << 20 }), {
    totalBytes: textBytes,
    onProgress({ bytesRead, totalBytes }) {
      progressCalls++;
      if (bytesRead / totalBytes >= nextTenth) {
        const s = (performance.now() - t0) / 1000;
        console.log(`  ${Math.round((100 * bytesRead) / totalBytes)}%  ${s.toFixed(1)} s  wasm ${MiB(wasmBytes())} MiB`);
        nextTenth += 0.1;
      }
    },
  });
} catch (e) {
  out.error = { code: e.code, message: e.message };
}
out.loadSeconds = (performance.now() - t0) / 1000;
out.bytesPerSecond = textBytes / out.loadSeconds;
out.progressCalls = progressCalls;
out.wasmBytesAfter = wasmBytes();
out.wasmToText = out.wasmBytesAfter / textBytes;
out.peakRssBytes = process.resourceUsage().maxRSS * 1024;
if (loaded) {
  const summary = loaded.summary();
  out.summary = { hmp: summary.hmp, webex: summary.webex, ocm: summary.ocm, stateWarnings: summary.stateWarnings.length };
  loaded.dispose();
}
console.log(
  out.error
    ? `  FAILED after ${out.loadSeconds.toFixed(1)} s: ${out.error.code} ${out.error.message}`
    : `  loaded in ${out.loadSeconds.toFixed(1)} s (${(out.bytesPerSecond / 1e6).toFixed(0)} MB/s, ${progressCalls} progress calls); ` +
      `wasm memory ${MiB(out.wasmBytesAfter)} MiB (${out.wasmToText.toFixed(2)}× the text); peak RSS ${MiB(out.peakRssBytes)} MiB`
);
if (out.summary) console.log(`  ${JSON.stringify(out.summary)}`);
if (args.json) fs.writeFileSync(args.json, JSON.stringify(out, null, 2) + "\n");
process.exitCode = out.error ? 1 : 0;
