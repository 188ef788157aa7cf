// The API as a portal developer calls it (issue 15): methods that work detached, preview() for any
// request, Symbol.dispose, and the one envelope behind load() and summary().
import assert from "node:assert/strict";
import { before, test } from "node:test";

import { importPackage, sampleText } from "./helpers.mjs";

let pkg;
let sp;
before(async () => {
  pkg = await importPackage();
  sp = await pkg.createSharePolicy();
});

const share = { actor: "admin", cli: "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1" };
const reassign = {
  actor: "admin@example.com",
  scopes: ["spark-admin:recordings_write"],
  http: { method: "POST", path: "/v1/convergedRecordings/reassign",
    body: { ownerEmail: "john.andersen@example.com", reassignOwnerEmail: "brenda.song@example.com" } },
};

test("methods work detached from their object", () => {
  const { canShare, load } = sp;
  assert.equal(canShare(sampleText("hmp.json"), share).ok, true);
  const [loaded] = [sampleText("hmp.json")].map(sp.load);
  const { canShare: loadedCanShare, summary, dispose } = loaded;
  assert.equal(loadedCanShare(share).ok, true);
  assert.equal(typeof summary().hmp.users, "number");
  dispose();
  assert.throws(() => loadedCanShare(share), (e) => e.code === "DISPOSED");
  load(sampleText("ocm.json")).dispose();
});

test("preview() answers a share and a reassignment alike, changing nothing", () => {
  const hmp = sp.load(sampleText("hmp.json"));
  assert.deepEqual(hmp.preview(share), hmp.canShare(share));
  const webex = sp.load(sampleText("webex.json"));
  const before = JSON.stringify(webex.toJSON());
  const previewed = webex.preview(reassign);
  assert.deepEqual(previewed, webex.previewReassign(reassign));
  assert.equal(previewed.reassign.moved.length, 2);
  assert.equal(JSON.stringify(webex.toJSON()), before);
  assert.throws(() => webex.preview({ actor: "admin", http: { method: "GET", path: "/nowhere" } }),
    (e) => e instanceof pkg.SharePolicyError && e.code !== "WRONG_ENTRY_POINT");
  hmp.dispose();
  webex.dispose();
});

test("Symbol.dispose frees a loaded state (what `using` calls)", { skip: typeof Symbol.dispose !== "symbol" }, () => {
  const loaded = sp.load(sampleText("hmp.json"));
  loaded[Symbol.dispose]();
  assert.throws(() => loaded.canShare(share), (e) => e.code === "DISPOSED");
  loaded[Symbol.dispose](); // twice: nothing happens
});

test("load() and summary() answer through the one envelope: an empty state summarises to no sections", () => {
  const loaded = sp.load("{}");
  assert.deepEqual(loaded.summary(), { stateWarnings: [] });
  loaded.dispose();
});
