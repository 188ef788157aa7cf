// The package's runScenario builds no DOM of a step's result (issue 16 item 4): each result is
// written as text as the step runs, and `expect` is compared with the members it names. An OCM
// userID of three million empty objects (8.6 MB), echoed in the answer, cost a DOM of about 85
// times its text before (the smallest budget that answered: 80 times the scenario); under a budget
// of six times the scenario the run now answers (five is the smallest that does: the step's request
// is released once run, but its response's copy of the echo and the result's text, as it grows,
// coexist).
import assert from "node:assert/strict";
import { test } from "node:test";

import { importPackage, sampleText } from "./helpers.mjs";

const { createSharePolicy } = await importPackage();
const empties = `[${new Array(3_000_000).fill("{}").join(",")}]`;
const request = JSON.stringify({
  actor: "U7ECC74059E0FEDFEC66BF5AT00000000002",
  http: { method: "PUT", path: "/documents/api/1.2/shares/F1321DC48E3B123D02DBEE88T0000000000100000001/role",
    body: { userID: "@@here@@", role: "viewer" } },
}).replace('"@@here@@"', empties);

for (const [what, expect] of [["no expect", null], ["an expect on ok", { ok: false }], ["an expect on the error", { error: { code: "x" } }]]) {
  test(`runScenario with an echo of 8.6 MB answers within 4x the scenario: ${what}`, async () => {
    const step = expect ? `{"request":${request},"expect":${JSON.stringify(expect)}}` : `{"request":${request}}`;
    const scenario = `{"state":${sampleText("ocm.json")},"steps":[${step}]}`;
    const sp = await createSharePolicy({ maxMemoryBytes: 4 * scenario.length });
    const [outcome] = sp.runScenario(scenario);
    assert.equal(outcome.result.ok, false);
    assert.equal(outcome.result.response.body.user.id.length, 3_000_000);
    if (expect?.ok === false) assert.deepEqual(outcome.mismatches, []);
    if (expect?.error) assert.match(outcome.mismatches[0], /^error: expected \{"code":"x"\}, got \{"code":/);
  });
}
