// The package's access/fix members and previewReassign on a loaded state.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, sampleText } from "./helpers.mjs";

const { createSharePolicy } = await importPackage();
const sp = await createSharePolicy();
const reassign = {
  actor: "admin@example.com",
  scopes: ["spark-admin:recordings_write"],
  http: {
    method: "POST",
    path: "/v1/convergedRecordings/reassign",
    body: { ownerEmail: "john.andersen@example.com", reassignOwnerEmail: "brenda.song@example.com" },
  },
};

test("previewReassign answers like resolveReassign and leaves the loaded state as it was", () => {
  const loaded = sp.load(sampleText("webex.json"));
  const before = JSON.stringify(loaded.toJSON());
  const preview = loaded.previewReassign(reassign);
  assert.equal(JSON.stringify(loaded.toJSON()), before);
  assert.equal(preview.response.status, 204);
  assert.equal(preview.reassign.moved.length, 2);
  const applied = loaded.resolveReassign(reassign);
  assert.deepEqual(applied.reassign, preview.reassign);
  assert.notEqual(JSON.stringify(loaded.toJSON()), before);
  loaded.dispose();
});

test("a share result carries access before/after; a denial carries its fix", () => {
  const state = sampleText("hmp.json");
  const ok = sp.canShare(state, { actor: "admin", cli: "shareRecordingWithGroup Engineering WATCH f678f415-0665-48cd-b141-1e95283469f1" });
  const gained = ok.access.assets[0].gained.map((g) => g.user.name);
  assert.ok(gained.includes("InfoDev"), `InfoDev gains through Engineering: ${gained}`);
  const denied = sp.canShare(state, { actor: "jdoe", cli: "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1" });
  assert.equal(denied.fix.kind, "state");
  assert.ok(denied.fix.changes.length > 0);
});

test("runScenario carries the state across steps and reports mismatches with expect", () => {
  const state = JSON.parse(sampleText("hmp.json"));
  const recording = "f678f415-0665-48cd-b141-1e95283469f1";
  const steps = [
    { name: "jdoe may not", request: { actor: "jdoe", cli: `shareRecordingWithUser viewer WATCH ${recording}` }, expect: { ok: false } },
    { request: { actor: "admin", cli: `shareRecordingWithUser jdoe OWN ${recording}` }, expect: { response: { line: "OK" } } },
    { name: "now jdoe may", request: { actor: "jdoe", cli: `shareRecordingWithUser viewer WATCH ${recording}` }, expect: { ok: false } },
  ];
  const outcomes = sp.runScenario({ state, steps });
  assert.equal(outcomes.length, 3);
  assert.deepEqual(outcomes[0].mismatches, []);
  assert.deepEqual(outcomes[1].mismatches, []);
  assert.equal(outcomes[2].result.response.line, "OK");
  assert.equal(outcomes[2].mismatches.length, 1);
  assert.match(outcomes[2].mismatches[0], /^ok: expected false, got true/);
});

test("runScenario stops at an input error with the step's pointer", async () => {
  const { SharePolicyError } = await importPackage();
  const state = JSON.parse(sampleText("hmp.json"));
  assert.throws(
    () => sp.runScenario({ state, steps: [{ request: { actor: 5, cli: "x" } }] }),
    (e) => e instanceof SharePolicyError && e.code === "REQUEST_INVALID" && e.pointer === "/steps/0/request/actor",
  );
});
