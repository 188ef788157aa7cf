// docs/ACCESS.md "Bounded lists" (issue 16 item 6) through the package: a recording shared with
// thousands of groups previews the first 50 holders of each list with exact counts, and
// canShare / preview take { access } for every holder or a window.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage } from "./helpers.mjs";
import { fanoutRequest, fanoutState } from "../shared/fanout-state.mjs";

const { createSharePolicy, SharePolicyError } = await importPackage();
const sp = await createSharePolicy();

const groups = 3000;
const request = fanoutRequest;
const loaded = sp.load(fanoutState(groups));
const holders = 1 + groups * 3; // the administrators entry and every group member

test("canShare lists the first 50 holders of each list, with exact counts", () => {
  const asset = loaded.canShare(request).access.assets[0];
  assert.equal(asset.before.length, 50);
  assert.equal(asset.after.length, 50);
  assert.deepEqual(asset.counts, { before: holders, after: holders + 1, gained: 1, lost: 0 });
  assert.ok(JSON.stringify(asset).length < 30000);
});

test("{ access } asks for every holder, the first N, or a window", () => {
  const all = loaded.canShare(request, { access: "all" }).access.assets[0];
  assert.equal(all.after.length, holders + 1);
  assert.equal(all.counts, undefined);
  assert.equal(loaded.canShare(request, { access: 7 }).access.assets[0].before.length, 7);
  const page = loaded.preview(request, { access: { offset: 50, limit: 50 } }).access.assets[0];
  assert.deepEqual(page.after, all.after.slice(50, 100));
  assert.equal(page.counts.after, holders + 1);
  const rest = loaded.canShare(request, { access: { offset: 9000, limit: "all" } }).access.assets[0];
  assert.deepEqual(rest.before, all.before.slice(9000));
});

test("a bad access option is OPTIONS_INVALID at /access", () => {
  for (const access of [-1, 1.5, "many", { limit: -2 }, { offset: "all" }, null]) {
    assert.throws(
      () => loaded.canShare(request, { access }),
      (e) => e instanceof SharePolicyError && e.code === "OPTIONS_INVALID" && e.pointer === "/access",
      JSON.stringify(access)
    );
  }
});
