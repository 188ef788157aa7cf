// A loaded state's canShare carries `access` as numbers and a string pool (core
// engine/access_words.cpp) and index.ts readAccess builds the object with the answer. It must
// be exactly the object JSON.parse gives of the access text the CLI prints: the same members, order and
// strings — names outside ASCII included (two-byte, three-byte, four-byte UTF-8, a leading byte
// order mark, which a default TextDecoder would drop) — in every window (`counts` when one is cut).
// The fixtures and native_vs_wasm cover the ordinary states with the default window.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";

import { cliPath, importPackage, sampleText } from "./helpers.mjs";

const { createSharePolicy } = await importPackage();
const sp = await createSharePolicy();
const work = mkdtempSync(join(tmpdir(), "access-words-"));
after(() => rmSync(work, { recursive: true, force: true }));

const names = ["admin", "\u{feff}bom first", "Zoë Åström", "日本語の名前", "emoji \u{1f600} here", "plain", "a\"quote\\back", "tab\there"];
const kGroup = "Grüppe✓\u{1f680}";
const uuid = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
function unicodeState() {
  const users = names.map((name, i) => ({
    id: uuid(i + 1), username: name, email: `u${i}@example.com`, roles: i === 0 ? ["Administrator"] : ["Viewer"],
    groups: i > 0 ? [uuid(100)] : [],
  }));
  return {
    schema: "share-policy/state@1",
    hmp: {
      roles: [{ name: "Administrator", administrator: true }, { name: "Viewer", administrator: false }],
      groups: [{ id: uuid(100), groupname: kGroup, roles: ["Viewer"] }],
      users,
      accessPermissions: [],
      recordings: [{ id: uuid(200), name: "Récording", owner: uuid(2), shares: [{ id: uuid(100), shareType: "GROUP", permission: "WATCH" }] }],
      feeds: [],
      directory: { available: true },
    },
  };
}

// The CLI's result for `check STATE REQUEST [--access N]`, as text (what the package must stringify to).
function cliResult(stateText, request, access) {
  const statePath = join(work, "state.json");
  const requestPath = join(work, "request.json");
  writeFileSync(statePath, stateText);
  writeFileSync(requestPath, JSON.stringify(request));
  const args = ["check", statePath, requestPath, "--format", "json", ...(access === undefined ? [] : ["--access", String(access)])];
  const run = spawnSync(cliPath, args, { encoding: "utf8" });
  assert.ok(run.status === 0 || run.status === 3, run.stderr);
  return run.stdout.trim();
}

const cases = [
  {
    name: "HMP, Unicode names",
    state: JSON.stringify(unicodeState()),
    request: { actor: uuid(1), cli: `shareRecordingWithUser plain OWN ${uuid(200)}` },
  },
  {
    name: "HMP, a group share to Unicode names",
    state: JSON.stringify(unicodeState()),
    request: { actor: uuid(1), cli: `shareRecordingWithGroup ${kGroup} EDIT ${uuid(200)}` },
  },
  {
    name: "OCM sample, a role change (roles, from and to)",
    state: sampleText("ocm.json"),
    request: {
      actor: "U7ECC74059E0FEDFEC66BF5AT00000000002",
      http: { method: "PUT", path: "/documents/api/1.2/shares/F1321DC48E3B123D02DBEE88T0000000000100000001/role",
        body: { userID: "U7ECC74059E0FEDFEC66BF5AT00000000001,GS18003", role: "viewer" } },
    },
  },
];

for (const c of cases) {
  test(`access read from its words equals the CLI's access: ${c.name}`, { skip: !existsSync(cliPath) && "no native CLI" }, () => {
    const loaded = sp.load(c.state);
    for (const access of [undefined, 0, 1, 2, "all"]) {
      const result = loaded.canShare(c.request, access === undefined ? undefined : { access });
      const expected = cliResult(c.state, c.request, access);
      assert.equal(JSON.stringify(result), expected, `window ${access}`);
      assert.equal(typeof result.access?.assets, "object", "the case previews access");
    }
    loaded.dispose();
  });
}

test("a cut list carries counts, read from the words", () => {
  const loaded = sp.load(JSON.stringify(unicodeState()));
  const { access } = loaded.canShare({ actor: uuid(1), cli: `shareRecordingWithGroup ${kGroup} EDIT ${uuid(200)}` }, { access: 1 });
  const asset = access.assets[0];
  assert.equal(asset.before.length, 1);
  assert.deepEqual(Object.keys(asset), ["system", "kind", "id", "before", "after", "gained", "lost", "counts"]);
  assert.ok(asset.counts.before > 1, JSON.stringify(asset.counts));
  assert.ok(asset.after.concat(asset.before).every((h) => Array.isArray(h.via)));
  loaded.dispose();
});

// A holder the change leaves alone is written once and read again for the after list
// (AccessWords::holder_in): equal to its before entry, yet objects of its own, in every window,
// whichever of its two entries the window lists.
test("a holder listed before and after is its own object, equal to its before entry, in every window", () => {
  const loaded = sp.load(JSON.stringify(unicodeState()));
  const request = { actor: uuid(1), cli: `shareRecordingWithUser plain OWN ${uuid(200)}` };
  const all = loaded.canShare(request, { access: "all" }).access.assets[0];
  const text = (h) => JSON.stringify(h);
  const again = all.after.filter((h) => all.before.some((b) => text(b) === text(h)));
  assert.ok(again.length >= 4, `unchanged holders: ${again.length}`);
  assert.ok(all.after.length > again.length, "the share changes one holder");
  const objects = (h) => [h, h.user, h.actions, h.via, ...h.via, ...h.via.map((p) => p.group)].filter(Boolean);
  const before = new Set(all.before.flatMap(objects));
  assert.ok(all.after.flatMap(objects).every((o) => !before.has(o)), "no object shared with the before list");
  for (const offset of [0, 1, 2, 3, 5]) {
    for (const limit of [1, 2, 3]) {
      const asset = loaded.canShare(request, { access: { offset, limit } }).access.assets[0];
      assert.deepEqual(asset.before, all.before.slice(offset, offset + limit), `before ${offset}+${limit}`);
      assert.deepEqual(asset.after, all.after.slice(offset, offset + limit), `after ${offset}+${limit}`);
    }
  }
  loaded.dispose();
});

// HMP users and groups cross as numbers into the loaded state's table of names (index.ts NameTable,
// core text_api.h SentNames): each answer hands over only names it has not handed over before. A
// result read late, after later answers, after its state changed, or after a call that failed,
// still reads the names it was answered with; a clone keeps a table of its own.
test("users and groups named by number read as the answer that named them, in any order", { skip: !existsSync(cliPath) && "no native CLI" }, () => {
  const state = unicodeState();
  const text = JSON.stringify(state);
  const toUser = { actor: uuid(1), cli: `shareRecordingWithUser plain OWN ${uuid(200)}` };
  const toGroup = { actor: uuid(1), cli: `shareRecordingWithGroup ${kGroup} EDIT ${uuid(200)}` };
  const loaded = sp.load(text);
  const first = loaded.canShare(toUser); // hands every name over
  const second = loaded.canShare(toGroup); // names them by number only
  const failed = () => loaded.canShare({ actor: uuid(1), cli: 42 });
  assert.throws(failed); // a call that fails: the next one starts a new table
  const third = loaded.canShare(toUser, { access: "all" });
  // read the latest first: its names were handed over by earlier answers
  assert.equal(JSON.stringify(third), cliResult(text, toUser, "all"));
  assert.equal(JSON.stringify(second), cliResult(text, toGroup));
  assert.equal(JSON.stringify(first), cliResult(text, toUser));

  // A change in place: the same numbers may name other users now. Rename by reloading in place is
  // not in the API; a change of shares is, and it starts a new table too.
  const unread = loaded.canShare(toGroup);
  loaded.applyShare(toUser);
  const changedText = JSON.stringify(loaded.toJSON());
  const afterChange = loaded.canShare(toGroup);
  assert.equal(JSON.stringify(afterChange), cliResult(changedText, toGroup));
  assert.equal(JSON.stringify(unread), cliResult(text, toGroup));

  // A clone answers from its own table, and the original keeps its own.
  const clone = loaded.clone();
  const fromClone = clone.canShare(toUser);
  const fromOriginal = loaded.canShare(toUser);
  assert.deepEqual(fromClone, fromOriginal);
  assert.equal(JSON.stringify(fromClone), cliResult(changedText, toUser));
  clone.dispose();
  loaded.dispose();
});

// Another state loaded into a new LoadedState of the same instance numbers other users the same:
// each loaded state's table is its own.
test("two loaded states with different users at the same numbers each read their own names", () => {
  const a = unicodeState();
  const b = unicodeState();
  b.hmp.users = b.hmp.users.map((u, i) => ({ ...u, username: `other-${i}` }));
  b.hmp.groups[0].groupname = "other group";
  const request = { actor: uuid(1), cli: `shareRecordingWithUser other-5 OWN ${uuid(200)}` };
  const loadedA = sp.load(JSON.stringify(a));
  const loadedB = sp.load(JSON.stringify(b));
  const fromA = loadedA.canShare({ ...request, cli: `shareRecordingWithUser plain OWN ${uuid(200)}` });
  const fromB = loadedB.canShare(request);
  const namesOf = (r) => r.access.assets[0].before.flatMap((h) => [h.user?.name, ...h.via.map((p) => p.group?.name)]).filter(Boolean);
  assert.ok(namesOf(fromB).includes("other-3") && namesOf(fromB).includes("other group"), namesOf(fromB).join());
  assert.ok(namesOf(fromA).includes("Zoë Åström") && namesOf(fromA).includes(kGroup), namesOf(fromA).join());
  assert.ok(!namesOf(fromA).some((n) => n.startsWith("other")));
  loadedA.dispose();
  loadedB.dispose();
});
