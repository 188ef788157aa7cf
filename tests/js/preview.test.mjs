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

// Issue 11: a loaded state's canShare carries its access preview apart, as words read with the
// answer. The result must stay a plain result: the same members in the same order, the same text,
// writable, cloneable.
test("loaded canShare's access is a plain member, and the result is the stateless call's in every way", () => {
  const state = sampleText("hmp.json");
  const request = { actor: "admin", cli: "shareRecordingWithGroup Engineering WATCH f678f415-0665-48cd-b141-1e95283469f1" };
  const loaded = sp.load(state);
  const expected = sp.canShare(state, request); // the stateless call: access parsed inline
  for (const options of [undefined, { access: 1 }, { access: "all" }]) {
    const expectedHere = options ? sp.load(state).canShare(request, options) : expected;
    const result = loaded.canShare(request, options);
    const descriptor = Object.getOwnPropertyDescriptor(result, "access");
    assert.equal(typeof descriptor.value, "object", "access is read with the answer: a data member");
    assert.equal(descriptor.writable && descriptor.enumerable && descriptor.configurable, true);
    assert.deepEqual(Object.keys(result), Object.keys(expectedHere));
    assert.equal(JSON.stringify(result), JSON.stringify(expectedHere));
    assert.equal(JSON.stringify(structuredClone(result)), JSON.stringify(expectedHere));
    assert.deepEqual({ ...result }, JSON.parse(JSON.stringify(expectedHere)));
    assert.deepEqual(Object.getPrototypeOf(result.access), Object.prototype);
  }
  assert.equal(JSON.stringify(loaded.canShare(request)), JSON.stringify(expected));
  const written = loaded.canShare(request);
  written.access = null;
  assert.equal(written.access, null, "access stays writable");
  const inherited = Object.create(loaded.canShare(request));
  assert.deepEqual(inherited.access, expected.access, "read through an object that inherits the result");
  const parent = loaded.canShare(request);
  const child = Object.create(parent);
  child.access = "mine";
  assert.equal(Object.hasOwn(child, "access") && child.access === "mine", true, "written on an object that inherits the result");
  assert.deepEqual(parent.access, expected.access, "the result keeps its own");
  // a denial has no access
  const denied = loaded.canShare({ actor: "jdoe", cli: "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1" });
  assert.equal(Object.getOwnPropertyDescriptor(denied, "access"), undefined);
  assert.equal(JSON.stringify(denied), JSON.stringify(sp.canShare(state, { actor: "jdoe", cli: "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1" })));
  loaded.dispose();
});
