// The FinalizationRegistry safety net: loaded states dropped without dispose() are freed once
// collected. Observed through a memory budget: loading far more states than the budget holds at
// once succeeds only if the dropped ones give their memory back (the control, which keeps them
// reachable, must run out).
import assert from "node:assert/strict";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { before, test } from "node:test";

import { importPackage, sampleText } from "./helpers.mjs";

setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc");
const turn = () => new Promise((resolve) => setTimeout(resolve, 0));

let pkg;
let state;
let budget;
before(async () => {
  pkg = await importPackage();
  const doc = JSON.parse(sampleText("hmp.json"));
  for (let i = 0; i < 1500; i++) {
    const hex = i.toString(16).padStart(12, "0");
    doc.hmp.users.push({ id: `00000000-0000-4000-8000-${hex}`, username: `bulk${i}`, email: `bulk${i}@example.com`,
      roles: ["Viewer"], groups: [] });
  }
  state = JSON.stringify(doc);
  // The smallest power-of-two budget one loaded state fits in; the tests allow four of them.
  for (budget = 64 * 1024; ; budget *= 2) {
    const sp = await pkg.createSharePolicy({ maxMemoryBytes: budget });
    try {
      sp.load(state).dispose();
      break;
    } catch (e) {
      assert.equal(e.code, "LIMIT_EXCEEDED");
    }
  }
});

async function loadMany(keep) {
  const sp = await pkg.createSharePolicy({ maxMemoryBytes: budget * 4 });
  const kept = [];
  for (let i = 0; i < 24; i++) {
    const loaded = sp.load(state); // throws LIMIT_EXCEEDED when the budget is full
    if (keep) kept.push(loaded);
    gc();
    await turn(); // finalization callbacks run between tasks
  }
  return kept.length;
}

test("dropped loaded states are freed by the FinalizationRegistry", async () => {
  await loadMany(false);
});

test("control: loaded states kept reachable exhaust the budget", async () => {
  await assert.rejects(loadMany(true), (e) => e.code === "LIMIT_EXCEEDED");
});
