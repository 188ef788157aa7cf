// LoadedState.clone (the page's undo steps): a second handle on the same state; applying on one
// leaves the other as it was (copy-on-write in the core), and each is disposed on its own.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, sampleText } from "./helpers.mjs";

const { createSharePolicy, SharePolicyError } = await importPackage();
const sp = await createSharePolicy();
const share = { actor: "admin", cli: "shareRecordingWithUser InfoDev EDIT f678f415-0665-48cd-b141-1e95283469f1" };

test("clone: the same state; applying on the original leaves the clone unchanged", () => {
  const original = sp.load(sampleText("combined.json"));
  const before = JSON.stringify(original.toJSON());
  const copy = original.clone();
  assert.equal(JSON.stringify(copy.toJSON()), before);
  assert.equal(original.applyShare(share).changes.length, 1);
  assert.equal(JSON.stringify(copy.toJSON()), before, "the clone kept the state before the apply");
  assert.equal(copy.canShare(share).changes.length, 1);
  assert.equal(original.canShare(share).changes.length, 0);
  original.dispose();
  assert.equal(copy.summary().hmp.users, 8, "disposing the original leaves the clone usable");
  assert.throws(() => original.toJSON(), (e) => e instanceof SharePolicyError && e.code === "DISPOSED");
  copy.dispose();
});
