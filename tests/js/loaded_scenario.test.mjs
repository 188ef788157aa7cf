// loaded.runScenario(steps) (issue 17 item 5): steps on a loaded state, which stays as it was;
// answers equal runScenario with the state embedded; stateFile is the CLI's, not the package's.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, sampleText } from "./helpers.mjs";

const { createSharePolicy, SharePolicyError } = await importPackage();
const sp = await createSharePolicy();
const recording = "f678f415-0665-48cd-b141-1e95283469f1";
const steps = [
  { name: "jdoe may not", request: { actor: "jdoe", cli: `shareRecordingWithUser viewer WATCH ${recording}` }, expect: { ok: false } },
  { request: { actor: "admin", cli: `shareRecordingWithUser jdoe OWN ${recording}` }, expect: { response: { line: "OK" } } },
  { name: "now jdoe may", request: { actor: "jdoe", cli: `shareRecordingWithUser viewer WATCH ${recording}` }, expect: { ok: false } },
];

test("loaded.runScenario answers as runScenario and leaves the loaded state unchanged", () => {
  const text = sampleText("hmp.json");
  const loaded = sp.load(text);
  const before = JSON.stringify(loaded.toJSON());
  const outcomes = loaded.runScenario(steps);
  assert.deepEqual(outcomes, sp.runScenario({ state: JSON.parse(text), steps }));
  assert.equal(outcomes[2].result.response.line, "OK", "step 2 sees the share step 1 made");
  assert.match(outcomes[2].mismatches[0], /^ok: expected false, got true/);
  assert.equal(JSON.stringify(loaded.toJSON()), before);
  // A second run starts from the loaded state again, not from where the first one ended.
  assert.deepEqual(loaded.runScenario(steps), outcomes);
  loaded.dispose();
});

test("loaded.runScenario: errors point into the array; stateFile is refused by the stateless call", () => {
  const loaded = sp.load(sampleText("hmp.json"));
  assert.throws(
    () => loaded.runScenario([{ request: { actor: 5, cli: "x" } }]),
    (e) => e instanceof SharePolicyError && e.code === "REQUEST_INVALID" && e.pointer === "/0/request/actor",
  );
  assert.throws(
    () => loaded.runScenario({ steps }),
    (e) => e instanceof SharePolicyError && e.code === "REQUEST_INVALID" && e.pointer === "",
  );
  assert.throws(
    () => sp.runScenario({ stateFile: "org.json", steps }),
    (e) => e instanceof SharePolicyError && e.code === "REQUEST_INVALID" && e.pointer === "/stateFile",
  );
  loaded.dispose();
});
