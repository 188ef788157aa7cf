// Runs a copy of the package whose memory may grow only to 64 MiB out of memory and shows what each
// call answered (the same steps as tests/js/out-of-memory-child.mjs, in Chromium).
import { createSharePolicy } from "share-policy-small-memory";

const outcome = (call) => {
  try {
    call();
    return "ok";
  } catch (e) {
    return e && e.name === "SharePolicyError" ? e.code : `raw ${e && e.name}: ${e && e.message}`;
  }
};

async function run() {
  const sp = await createSharePolicy();
  const other = await createSharePolicy();
  const small = '{"hmp":{}}';
  const heavy = `{"x":[${"{},".repeat(2_000_000)}{}]}`;
  const kept = [];
  const loads = [];
  for (let i = 0; i < 40 && !loads.includes("LIMIT_EXCEEDED"); i++) loads.push(outcome(() => kept.push(sp.load(heavy))));
  const after = [];
  for (let i = 0; i < 3; i++) after.push(outcome(() => sp.load(small).summary()));
  for (const loaded of kept) loaded.dispose();
  after.push(outcome(() => kept.push(sp.load(heavy))));
  const others = [outcome(() => other.load(small).summary()), outcome(() => other.canShare(small, 42))];
  return { loads, after, others };
}

run().then(
  (value) => (document.getElementById("outcome").textContent = JSON.stringify(value)),
  (e) => (document.getElementById("outcome").textContent = JSON.stringify({ failure: String(e && e.stack ? e.stack : e) })),
);
