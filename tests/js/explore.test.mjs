// whoCan / whatCan on a loaded state (docs/ACCESS.md "Who can / what can"): who can act on each
// asset equals the "before" holders the core's access preview lists for a share on that asset;
// whatCan is the same relation read from the principal's side; windows, errors, and answers that
// follow applied changes.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, sampleText } from "./helpers.mjs";

const { createSharePolicy, SharePolicyError } = await importPackage();
const sp = await createSharePolicy();
const combined = JSON.parse(sampleText("combined.json"));

// A share by the administrator that changes the asset, so that the result carries access.before.
function shareOn(kind, id) {
  if (kind === "folder") {
    return { actor: "userAA", http: { method: "POST", path: `/documents/api/1.2/shares/${id}`,
      body: { userID: "U9D8E7F6A5B4C3D2E1F0A9B8C7D6E5F4A3B2", role: "manager" } } };
  }
  if (kind === "feed") {
    return { actor: "admin", http: { method: "POST", path: `/apis/sections/${id}/shares`,
      body: { name: "viewer", shareType: "USER", permission: "OWN" } } };
  }
  return { actor: "admin", cli: `shareRecordingWithUser viewer OWN ${id}` };
}

test("whoCan lists the holders the access preview lists as 'before', for every HMP asset and OCM folder", () => {
  const loaded = sp.load(combined);
  const assets = [
    ...combined.hmp.recordings.map((r) => ["hmp", "recording", r.id]),
    ...combined.hmp.feeds.map((f) => ["hmp", "feed", f.id]),
    ...combined.ocm.folders.map((f) => ["ocm", "folder", f.id]),
  ];
  for (const [system, kind, id] of assets) {
    const result = loaded.canShare(shareOn(kind, id));
    assert.ok(result.access, `${kind} ${id}: the share changes something`);
    const before = result.access.assets[0].before;
    const admins = before.filter((h) => h.administrators !== undefined);
    const answer = loaded.whoCan({ system, asset: { kind, id } });
    assert.deepEqual(answer.users.items, before.filter((h) => h.user), `${kind} ${id}`);
    assert.equal(answer.users.total, answer.users.items.length);
    assert.equal(answer.administrators, admins[0]?.administrators, `${kind} ${id}: administrators`);
  }
  loaded.dispose();
});

test("whatCan is whoCan read from the principal's side (HMP users and groups, OCM users)", () => {
  const loaded = sp.load(combined);
  const holders = new Map(); // "system user-id" → [asset id, actions or role]
  for (const [system, kind, list] of [["hmp", "recording", combined.hmp.recordings], ["hmp", "feed", combined.hmp.feeds],
    ["ocm", "folder", combined.ocm.folders]]) {
    for (const a of list) {
      for (const h of loaded.whoCan({ system, asset: { kind, id: a.id } }).users.items) {
        const key = `${system} ${h.user.id}`;
        if (!holders.has(key)) holders.set(key, []);
        holders.get(key).push([a.id, h.actions ?? h.role]);
      }
    }
  }
  for (const [system, users] of [["hmp", combined.hmp.users], ["ocm", combined.ocm.users]]) {
    for (const u of users) {
      const answer = loaded.whatCan({ system, principal: { type: "user", id: u.id } });
      if (answer.administrator) {
        assert.equal(answer.assets.total, combined.hmp.recordings.length + combined.hmp.feeds.length);
        continue;
      }
      const reached = answer.assets.items.map((x) => [x.id, x.actions ?? x.role]);
      assert.deepEqual(reached, holders.get(`${system} ${u.id}`) ?? [], `${system} ${u.id}`);
    }
  }
  const sales = loaded.whatCan({ system: "hmp", principal: { type: "group", id: "sales" } });
  assert.deepEqual(sales.assets.items.map((x) => x.via), [[{ type: "direct", permission: "EDIT" }],
    [{ type: "direct", permission: "WATCH" }]]);
  loaded.dispose();
});

test("windows, Webex owners, answers after an apply, and errors with pointers", () => {
  const loaded = sp.load(combined);
  const owner = combined.webex.recordings[0].ownerId;
  const owned = combined.webex.recordings.filter((r) => r.ownerId === owner).map((r) => r.id);
  const page = loaded.whatCan({ system: "webex", principal: { type: "person", id: owner }, offset: 1, limit: 1 });
  assert.equal(page.assets.total, owned.length);
  assert.deepEqual(page.assets.items.map((x) => x.id), owned.slice(1, 2));
  assert.deepEqual(loaded.whoCan(JSON.stringify({ system: "webex", asset: { kind: "recording", id: owned[0] } })).users
    .items.map((h) => [h.user.id, h.role]), [[owner, "owner"]]);

  const viewer = { system: "hmp", principal: { type: "user", id: "viewer" } };
  assert.equal(loaded.whatCan(viewer).assets.total, 0);
  assert.equal(loaded.applyShare(shareOn("recording", combined.hmp.recordings[1].id)).ok, true);
  assert.deepEqual(loaded.whatCan(viewer).assets.items.map((x) => x.via), [[{ type: "direct", permission: "OWN" }]]);

  for (const [call, query, pointer] of [
    ["whoCan", { system: "hmp", asset: { kind: "recording", id: "missing" } }, "/asset/id"],
    ["whoCan", { system: "ocm", asset: { kind: "folder", id: "x" }, limit: 5000 }, "/limit"],
    ["whatCan", { system: "hmp", principal: { type: "person", id: "admin" } }, "/principal/type"],
    ["whatCan", "not json", ""],
  ]) {
    assert.throws(() => loaded[call](query), (e) => e instanceof SharePolicyError && e.code === "REQUEST_INVALID"
      && e.pointer === pointer, JSON.stringify(query));
  }
  loaded.dispose();
  assert.throws(() => loaded.whoCan({ system: "hmp", asset: { kind: "recording", id: "x" } }), { code: "DISPOSED" });
});
