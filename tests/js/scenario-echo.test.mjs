// The package's runScenario builds no DOM of a step's result nor of its `expect` (issue 16 item 4):
// each result is written as text as the step runs, and `expect` is compared with the members it
// names of that text, as text. An OCM userID of three million empty objects (8.6 MB), echoed in the
// answer, cost a DOM of about 85 times its text at first (the smallest budget that answered: 80
// times the scenario), then 5 times (4.83: nlohmann's lexer kept `[{},{},…]` in a buffer that
// doubles, and the result's text doubled around the echo); an expect that names the response cost
// 39 times, and an expect holding three million {} 20 times. Now about 2 times for each: under a
// budget of four times the scenario every run answers.
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

const expects = [
  ["no expect", null],
  ["an expect on ok", '{"ok":false}'],
  ["an expect on the error", '{"error":{"code":"x"}}'],
  // The difference lies inside the echo: /response/body/user/id/2 (expected absent, got {}).
  ["an expect on the response", '{"response":{"status":400,"body":{"user":{"id":[{},{}]}}}}'],
  ["an expect of three million {} itself", `{"ok":false,"x":${empties}}`],
];
for (const [what, expect] of expects) {
  test(`runScenario with an echo of 8.6 MB answers within 4x the scenario: ${what}`, async () => {
    const step = expect ? `{"request":${request},"expect":${expect}}` : `{"request":${request}}`;
    const scenario = `{"state":${sampleText("ocm.json")},"steps":[${step}]}`;
    const sp = await createSharePolicy({ maxMemoryBytes: 4 * scenario.length });
    const [outcome] = sp.runScenario(scenario);
    assert.equal(outcome.result.ok, false);
    assert.equal(outcome.result.response.body.user.id.length, 3_000_000);
    if (what === "an expect on ok") assert.deepEqual(outcome.mismatches, []);
    if (what === "an expect on the error") assert.match(outcome.mismatches[0], /^error: expected \{"code":"x"\}, got \{"code":/);
    if (what === "an expect on the response") assert.match(outcome.mismatches[0], /^response: expected \{"status":400,"body":\{"user":\{"id":\[\{\},\{\}\]\}\}\}, got \{"status":400,"body":\{/);
    if (what === "an expect of three million {} itself") assert.deepEqual(outcome.mismatches, [`x: expected ${empties.slice(0, 400)}…, got (absent)`]);
  });
}
