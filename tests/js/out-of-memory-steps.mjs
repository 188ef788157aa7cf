// The steps of the out-of-memory tests, shared by the Node child (tests/js/out-of-memory-child.mjs)
// and the Chromium page (tests/browser/portal/out-of-memory.js, bundled with a copy of this file):
// fill one instance with heavy states until the heap cannot grow, then see what it and a neighbour
// answer. Plain JavaScript, no Node module: it runs in both.
export const outcome = (call) => {
  try {
    call();
    return "ok";
  } catch (e) {
    return e && e.name === "SharePolicyError" ? e.code : `raw ${e && e.name}: ${e && e.message}`;
  }
};

export async function runOutOfMemorySteps(createSharePolicy) {
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
  return { loads, after, others };
}
