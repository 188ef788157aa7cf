// Runs out of WebAssembly memory in the package at `argv[2]` and prints, as one JSON line, what
// each call answered (tests/js/memory.test.mjs checks it, and that nothing else was printed).
//   node out-of-memory-child.mjs PACKAGE_DIR
import { join } from "node:path";

const { createSharePolicy } = await import(join(process.argv[2], "index.js"));

const outcome = (call) => {
  try {
    call();
    return "ok";
  } catch (e) {
    return e && e.name === "SharePolicyError" ? e.code : `raw ${e && e.name}: ${e && e.message}`;
  }
};

const sp = await createSharePolicy();
const other = await createSharePolicy();
const small = '{"hmp":{}}';
// A state of empty objects in an unknown key: little text, much memory.
const heavy = `{"x":[${"{},".repeat(2_000_000)}{}]}`;
const kept = [];
const loads = [];
for (let i = 0; i < 40 && !loads.includes("LIMIT_EXCEEDED"); i++) {
  loads.push(outcome(() => kept.push(sp.load(heavy))));
}
const after = [];
for (let i = 0; i < 3; i++) after.push(outcome(() => sp.load(small).summary()));
for (const loaded of kept) loaded.dispose();
after.push(outcome(() => kept.push(sp.load(heavy))));
const others = [outcome(() => other.load(small).summary()), outcome(() => other.canShare(small, 42))];
console.log(JSON.stringify({ loads, after, others }));
