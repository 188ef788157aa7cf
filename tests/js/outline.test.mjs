// loaded.outline(): the state as toJSON() writes it, without HMP shares, OCM group and folder
// members and unknown members (the page's pickers read their names from it instead of the whole
// state: on M, toJSON() and its parse took seconds).
import assert from "node:assert/strict";
import { test } from "node:test";

import { importPackage, sampleText } from "./helpers.mjs";

const { createSharePolicy } = await importPackage();
const sp = await createSharePolicy();

// Whether `part` is `whole` with members left out: every member it has is the whole's, equal (its
// objects compared the same way), every list as long as the whole's.
function within(part, whole, at = "") {
  if (typeof part !== "object" || part === null) return assert.equal(part, whole, at);
  assert.equal(Array.isArray(part), Array.isArray(whole), at);
  if (Array.isArray(part)) assert.equal(part.length, whole.length, at);
  for (const [key, value] of Object.entries(part)) within(value, whole[key], `${at}/${key}`);
}

// The members the page's names need, of every element that has them.
const kept = {
  hmp: { users: ["id", "username"], groups: ["id", "groupname"], accessPermissions: ["id", "name"], recordings: ["id"] },
  webex: { people: ["id", "email"], recordings: ["id", "topic", "ownerId"] },
  ocm: { users: ["id", "loginName", "displayName"], groups: ["id", "displayName"], folders: ["id", "ownedBy"] },
};

for (const sample of ["hmp.json", "webex.json", "ocm.json", "combined.json"]) {
  test(`outline of ${sample}: toJSON() without shares, members and unknown members`, () => {
    const loaded = sp.load(sampleText(sample));
    const outline = loaded.outline();
    const whole = loaded.toJSON();
    within(outline, whole);
    for (const [system, lists] of Object.entries(kept)) {
      assert.equal(system in outline, system in whole);
      for (const [list, members] of Object.entries(lists)) {
        for (const [i, item] of (whole[system]?.[list] ?? []).entries()) {
          for (const m of members) if (m in item) assert.equal(outline[system][list][i][m], item[m], `${system}.${list}[${i}].${m}`);
          assert.equal(outline[system][list][i].shares, undefined);
          assert.equal(outline[system][list][i].members, undefined);
        }
      }
    }
  });
}

test("outline leaves out unknown members, at every level", () => {
  const state = JSON.parse(sampleText("combined.json"));
  state.exportedBy = "tool";
  state.hmp.note = 1;
  state.hmp.users[0].department = "sales";
  state.hmp.recordings[0].shares[0].grantedAt = "2026-01-01";
  state.webex.recordings[0].sizeBytes = 10;
  state.ocm.folders[0].path = "/a";
  const loaded = sp.load(state);
  const whole = loaded.toJSON();
  assert.equal(whole.hmp.users[0].department, "sales", "toJSON keeps them");
  const outline = loaded.outline();
  assert.equal(outline.exportedBy, undefined);
  assert.equal(outline.hmp.note, undefined);
  assert.equal(outline.hmp.users[0].department, undefined);
  assert.equal(outline.webex.recordings[0].sizeBytes, undefined);
  assert.equal(outline.ocm.folders[0].path, undefined);
  assert.equal(outline.hmp.users[0].id, whole.hmp.users[0].id);
  assert.equal(outline.ocm.folders[0].ownedBy, whole.ocm.folders[0].ownedBy);
});
