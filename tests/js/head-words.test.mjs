// A loaded state's canShare answers its head as words (core engine/json_writer.h Tape, index.ts
// TapeReader), with member names by number in the loaded state's table of names. Whatever starts a
// new table (an input error, a change in place, a clone) or carries on with the old one, each
// result is the stateless call's (JSON text), member for member and in order.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, sampleText } from "./helpers.mjs";

const { createSharePolicy, SharePolicyError } = await importPackage();
const sp = await createSharePolicy();
const recording = "f678f415-0665-48cd-b141-1e95283469f1";
const requests = [
  { actor: "admin", cli: `shareRecordingWithGroup Engineering WATCH ${recording}` }, // allowed, with access
  { actor: "jdoe", cli: `shareRecordingWithUser creator OWN ${recording}` }, // a denial with its fix
  { actor: "admin", cli: `shareRecordingWithUser jdoe OWN ${recording}` },
  { actor: "admin", cli: `shareRecordingWithUser nosuchuser WATCH ${recording}` }, // "did you mean"
  { actor: "Admin", cli: `shareRecordingWithUser "J Doe" WATCH ${recording}` },
];

function sameAsStateless(loaded, stateText, label) {
  requests.forEach((request, i) => {
    const got = loaded.canShare(request);
    assert.equal(JSON.stringify(got), JSON.stringify(sp.canShare(stateText, request)), `${label}, request ${i}`);
  });
}

test("canShare on a loaded state answers the stateless call's result through every new table of names", () => {
  const text = sampleText("hmp.json");
  const loaded = sp.load(text);
  sameAsStateless(loaded, text, "first table");
  sameAsStateless(loaded, text, "the same table, names by number");
  // An input error: the next answer starts a new table.
  assert.throws(() => loaded.canShare({ actor: "ghost", cli: requests[0].cli }), SharePolicyError);
  sameAsStateless(loaded, text, "after an input error");
  // A change in place: the state's names start again.
  assert.equal(loaded.applyShare(requests[2]).ok, true);
  const changed = JSON.stringify(loaded.toJSON());
  sameAsStateless(loaded, changed, "after a change in place");
  // A clone starts with no table; the original keeps its own.
  const copy = loaded.clone();
  sameAsStateless(copy, changed, "a clone");
  sameAsStateless(loaded, changed, "the original after its clone answered");
  copy.dispose();
  loaded.dispose();
});

test("a head read as words keeps JSON.parse's shapes: members in order, plain arrays and objects", () => {
  const text = sampleText("hmp.json");
  const loaded = sp.load(text);
  for (const request of requests) {
    const got = loaded.canShare(request);
    const want = sp.canShare(text, request);
    assert.deepEqual(Object.keys(got), Object.keys(want));
    assert.equal(Object.getPrototypeOf(got), Object.prototype);
    assert.ok(Array.isArray(got.explanation));
    assert.deepEqual(got, want);
  }
  loaded.dispose();
});
