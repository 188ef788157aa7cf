// One meaning for a scenario's `expect` (issue 13): the CLI's `share-policy test`, the package's
// runScenario and the page (tests/page/one-meaning.test.mjs) give the same verdict on the same file.
// Each member of `expect` must equal the result's member: {"response": {}} is not a wildcard.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { cliPath, importPackage, repoRoot } from "./helpers.mjs";

const file = join(repoRoot, "tests/page/scenarios/expect-empty-response.json");

test("package: runScenario fails the step whose expect is {response: {}}, passes the exact one", async () => {
  const { createSharePolicy } = await importPackage();
  const sp = await createSharePolicy();
  const outcomes = sp.runScenario(readFileSync(file, "utf8"));
  assert.equal(outcomes.length, 2);
  assert.equal(outcomes[0].mismatches.length, 1);
  assert.match(outcomes[0].mismatches[0], /^response: expected \{\}, got \{"line":"OK"\}/);
  assert.deepEqual(outcomes[1].mismatches, []);
});

test("CLI: share-policy test fails the same step and passes the other", () => {
  assert.ok(existsSync(cliPath), `the native CLI is not built at ${cliPath} (cmake --build build, or set SHAREPOLICY_CLI)`);
  const run = spawnSync(cliPath, ["test", file], { encoding: "utf8", timeout: 20000 });
  assert.notEqual(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /FAIL .*an empty response object is not a wildcard/);
  assert.match(run.stdout, /PASS .*the exact response passes/);
  assert.match(run.stdout, /^1 passed, 1 failed$/m);
});
