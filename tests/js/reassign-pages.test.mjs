// Paged reassignments on a loaded state (docs/DECISIONS.md "Paged reassignment results"):
// resolveReassign / previewReassign with { items }: the summary, items() pages that concatenate
// to the full result's lists, and what drops the kept lists.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage } from "./helpers.mjs";

const { createSharePolicy, SharePolicyError } = await importPackage();
const sp = await createSharePolicy();

// 1 000 recordings of the owner: every 7th deleted (a warning each), every 11th purged (skipped).
function bigOwnerState() {
  const people = [
    { id: "P_ADMIN", email: "admin@example.com", type: "user" },
    { id: "P_A", email: "a@example.com", type: "user" },
    { id: "P_B", email: "b@example.com", type: "user" },
  ];
  const recordings = [];
  for (let i = 0; i < 1000; i++) {
    const status = i % 11 === 3 ? "purged" : i % 7 === 2 ? "deleted" : "available";
    recordings.push({ id: `R${i}`, topic: `Recording ${i}`, ownerId: "P_A", status });
  }
  return JSON.stringify({ webex: { people, recordings } });
}

const request = (body) => ({
  actor: "admin@example.com",
  scopes: ["spark-admin:recordings_write"],
  http: { method: "POST", path: "/v1/convergedRecordings/reassign", body },
});
const all = request({ ownerEmail: "a@example.com", reassignOwnerEmail: "b@example.com" });
const back = request({ ownerEmail: "b@example.com", reassignOwnerEmail: "a@example.com" });
const LISTS = ["changes", "warnings", "reassign.moved", "reassign.skipped", "access.assets"];
const at = (result, list) => list.split(".").reduce((node, key) => node[key], result);

test("previewReassign with { items }: the summary, and pages that concatenate to the full lists", () => {
  const loaded = sp.load(bigOwnerState());
  const full = loaded.previewReassign(all);
  const paged = loaded.previewReassign(all, { items: 10 });
  assert.deepEqual(paged.reassign.counts, { moved: 909, skipped: 91, "not-owned-by-owner": 0, purged: 91, "already-owned": 0 });
  assert.equal(paged.page.limit, 10);
  for (const list of LISTS) {
    const whole = at(full, list);
    assert.equal(paged.page.totals[list], whole.length, list);
    assert.deepEqual(at(paged, list), whole.slice(0, 10), list);
    const joined = [];
    for (let offset = 0; offset < whole.length; offset += 97) joined.push(...paged.items(list, offset, 97));
    assert.equal(JSON.stringify(joined), JSON.stringify(whole), list);
    assert.deepEqual(paged.items(list), whole, `${list}: every item by default`);
  }
  assert.deepEqual(paged.access.owners, full.access.owners, "owners are never cut");
  // The rest of the result is the full one's, and items is not part of its JSON.
  const rest = JSON.parse(JSON.stringify(paged));
  assert.equal("items" in rest, false);
  delete rest.page;
  delete rest.reassign.counts;
  for (const list of LISTS) {
    const [head, tail] = list.split(".");
    if (tail) rest[head][tail] = at(full, list);
    else rest[head] = full[head];
  }
  assert.equal(JSON.stringify(rest), JSON.stringify(full));
  loaded.dispose();
});

test("resolveReassign with { items: 0 }: the summary alone, the state moved as the full form moves it", () => {
  const a = sp.load(bigOwnerState());
  const b = sp.load(bigOwnerState());
  const summary = a.resolveReassign(all, { items: 0 });
  const full = b.resolveReassign(all);
  assert.equal(summary.changes.length, 0);
  assert.equal(summary.page.totals.changes, full.changes.length);
  assert.deepEqual(summary.items("reassign.moved", 905, 10), full.reassign.moved.slice(905));
  assert.equal(JSON.stringify(a.toJSON()), JSON.stringify(b.toJSON()));
  a.dispose();
  b.dispose();
});

test("the kept lists are dropped by the next paged call, a change or dispose; bad arguments are refused", () => {
  const loaded = sp.load(bigOwnerState());
  const first = loaded.previewReassign(all, { items: 1 });
  assert.equal(first.items("changes", 0, 1).length, 1);
  const second = loaded.resolveReassign(all, { items: 1 });
  assert.throws(() => first.items("changes", 0, 1), (e) => e instanceof SharePolicyError && e.code === "DISPOSED");
  assert.equal(second.items("changes", 0, 2).length, 2);
  assert.throws(() => second.items("moves"), (e) => e.code === "REQUEST_INVALID" && /moves/.test(e.message));
  assert.throws(() => second.items("changes", -1), (e) => e.code === "REQUEST_INVALID");
  assert.throws(() => loaded.previewReassign(all, { items: 1.5 }), (e) => e.code === "REQUEST_INVALID");
  loaded.resolveReassign(back);
  assert.throws(() => second.items("changes"), (e) => e.code === "DISPOSED");
  const third = loaded.previewReassign(all, { items: 0 });
  loaded.dispose();
  assert.throws(() => third.items("changes"), (e) => e.code === "DISPOSED");
});

test("a refused paged reassignment has empty lists and zero totals", () => {
  const loaded = sp.load(bigOwnerState());
  const denied = loaded.previewReassign(request({ ownerEmail: "a@example.com", reassignOwnerEmail: "x@example.com" }), { items: 5 });
  assert.equal(denied.ok, false);
  assert.deepEqual(Object.values(denied.page.totals), [0, 0, 0, 0, 0]);
  assert.deepEqual(denied.items("reassign.moved"), []);
  loaded.dispose();
});
