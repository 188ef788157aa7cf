// A quick, relative look at package variants (not part of scripts/bench): load and loadStream
// time, WebAssembly memory after each, canShare µs per call and canShareBatchCodes, interleaved in
// one Node process so that a noisy machine affects them alike. Ratios within one run are what it
// is for. Each variant loads in a fresh instance per round (memory never shrinks). `load` is also
// given as CPU time (process.cpuUsage), steadier than wall-clock time when other builds run.
//   node --expose-gc bench/lean_quick.mjs STATE.json QUERIES.json ROUNDS PACKAGE_DIR...
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [statePath, queriesPath, roundsArg, ...packages] = process.argv.slice(2);
const rounds = Number(roundsArg) || 3;
const now = () => performance.now() / 1e3;
let lastMemory = null;
const original = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...a) {
  const r = await original.apply(this, a);
  lastMemory = Object.values((r.instance ?? r).exports).find((v) => v instanceof WebAssembly.Memory) ?? null;
  return r;
};
const MiB = (n) => n / 2 ** 20;
const text = fs.readFileSync(statePath, "utf8");
const textBytes = Buffer.byteLength(text);
const requests = JSON.parse(fs.readFileSync(queriesPath, "utf8")).shareRecordingWithUser.slice(0, 2000);
const texts = requests.map((q) => JSON.stringify(q));
const factories = [];
for (const dir of packages) factories.push([dir, (await import(pathToFileURL(path.join(path.resolve(dir), "index.js")).href)).createSharePolicy]);
const best = {};
const answers = {};
let parseBest = Infinity;  // JSON.parse of the same text, interleaved: what the load targets are ratios to
for (let round = 0; round < rounds; ++round) {
  globalThis.gc?.();
  const t0 = now();
  JSON.parse(text);
  parseBest = Math.min(parseBest, now() - t0);
  for (const [dir, create] of factories) {
    const b = (best[dir] ??= { load: Infinity, loadCpu: Infinity, stream: Infinity, loadMem: 0, streamMem: 0, canShare: Infinity, batch: Infinity });
    globalThis.gc?.();
    let sp = await create();
    let mem = lastMemory;
    let t = now();
    const cpu = process.cpuUsage();
    const ws = sp.load(text);
    b.load = Math.min(b.load, now() - t);
    const used = process.cpuUsage(cpu);
    b.loadCpu = Math.min(b.loadCpu, (used.user + used.system) / 1e6);
    b.loadMem = mem.buffer.byteLength;
    t = now();
    const out = texts.map((q) => { const r = ws.canShare(q); return r.ok ? "OK" : r.error.code; });
    b.canShare = Math.min(b.canShare, ((now() - t) / texts.length) * 1e6);
    t = now();
    ws.canShareBatchCodes?.(requests);
    b.batch = Math.min(b.batch, (now() - t) * 1e3);
    answers[dir] = out.join(",");
    ws.dispose();
    sp = await create();
    mem = lastMemory;
    t = now();
    const streamed = await sp.loadStream(fs.createReadStream(statePath, { highWaterMark: 1 << 20 }), { totalBytes: textBytes });
    b.stream = Math.min(b.stream, now() - t);
    b.streamMem = mem.buffer.byteLength;
    streamed.dispose();
  }
}
const first = answers[packages[0]];
console.log(`JSON.parse ${parseBest.toFixed(3)} s`);
for (const [dir, b] of Object.entries(best)) {
  console.log(`${dir}: load ${b.load.toFixed(3)} s (${(b.load / parseBest).toFixed(2)}x JSON.parse; CPU ${b.loadCpu.toFixed(3)} s, mem ${(b.loadMem / textBytes).toFixed(2)}x, ${MiB(b.loadMem).toFixed(1)} MiB), ` +
    `loadStream ${b.stream.toFixed(3)} s (mem ${(b.streamMem / textBytes).toFixed(2)}x, ${MiB(b.streamMem).toFixed(1)} MiB), ` +
    `canShare ${b.canShare.toFixed(1)} us, batch ${b.batch.toFixed(1)} ms, answers ${answers[dir] === first ? "same" : "DIFFER"}`);
}
