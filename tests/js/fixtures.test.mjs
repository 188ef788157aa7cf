// The golden fixtures (tests/fixtures/*.json) through the WebAssembly package in Node: each result
// must satisfy the fixture's "expect" (or "expectError"), and JSON.stringify of it must be byte for
// byte what the native CLI prints (`check` for canShare and reassignments, `apply` for applyShare).
// The same calls through a loaded state must give the same answers.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";

import { cliPath, importPackage, repoRoot, samplesDir, withoutState } from "./helpers.mjs";

const fixturesDir = join(repoRoot, "tests", "fixtures");
const fixtures = readdirSync(fixturesDir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((name) => ({ name, ...JSON.parse(readFileSync(join(fixturesDir, name), "utf8")) }));

// Extra cases on the sample states, compared with the CLI only (no expectation of their own).
const sampleCases = [
  { name: "sample: HMP command line not known", state: "web/samples/hmp.json", entry: "canShare",
    request: { actor: "admin", cli: "frobnicate everything" } },
  { name: "sample: HMP share refused to a viewer", state: "web/samples/hmp.json", entry: "applyShare",
    request: { actor: "jdoe", cli: "shareRecordingWithUser InfoDev OWN f678f415-0665-48cd-b141-1e95283469f1" } },
  { name: "sample: OCM role change by a contributor", state: "web/samples/ocm.json", entry: "applyShare",
    request: { actor: "U7ECC74059E0FEDFEC66BF5AT00000000001",
      http: { method: "PUT", path: "/documents/api/1.2/shares/F1321DC48E3B123D02DBEE88T0000000000100000001/role",
        body: { userID: "GS18003", role: "viewer" } } } },
  { name: "sample: Webex reassignment without the scope", state: "web/samples/combined.json", entry: "resolveReassign",
    request: { actor: "admin@example.com", scopes: [],
      http: { method: "POST", path: "/v1/convergedRecordings/reassign",
        body: { ownerEmail: "john.andersen@example.com", reassignOwnerEmail: "brenda.song@example.com" } } } },
];

let sp;
let work;
before(async () => {
  const { createSharePolicy } = await importPackage();
  sp = await createSharePolicy();
  work = mkdtempSync(join(tmpdir(), "sp-js-fixtures-"));
  assert.ok(existsSync(cliPath), `the native CLI is not built at ${cliPath} (cmake --build build, or set SHAREPOLICY_CLI)`);
});
after(() => work && rmSync(work, { recursive: true, force: true }));

function stateOf(fx) {
  return typeof fx.state === "string" ? readFileSync(join(repoRoot, fx.state), "utf8") : fx.state;
}

// { value } or { error: { code, message, pointer } }; anything else thrown fails the test.
function outcome(call) {
  try {
    return { value: call() };
  } catch (e) {
    assert.equal(e?.name, "SharePolicyError", `not a SharePolicyError: ${e}`);
    return { error: { code: e.code, message: e.message, pointer: e.pointer } };
  }
}

function runCli(fx, slug) {
  const statePath = join(work, `${slug}.state.json`);
  const requestPath = join(work, `${slug}.request.json`);
  writeFileSync(statePath, typeof fx.state === "string" ? stateOf(fx) : JSON.stringify(fx.state));
  writeFileSync(requestPath, JSON.stringify(fx.request));
  const command = fx.entry === "applyShare" ? "apply" : "check";
  return spawnSync(cliPath, [command, statePath, requestPath], { encoding: "utf8" });
}

function checkAgainstCli(fx, got, slug) {
  const run = runCli(fx, slug);
  if (got.error) {
    assert.equal(run.status, 2, `CLI exit status (stderr: ${run.stderr})`);
    assert.equal(run.stdout, "");
    assert.equal(JSON.stringify(got.error) + "\n", run.stderr);
  } else {
    assert.equal(run.status, 0, `CLI exit status (stderr: ${run.stderr})`);
    assert.equal(JSON.stringify(withoutState(got.value)) + "\n", run.stdout);
  }
}

function checkLoadedPath(fx, got) {
  const loaded = outcome(() => sp.load(stateOf(fx)));
  if (loaded.error) {
    assert.deepEqual(got.error, loaded.error, "load() fails as the stateless call does");
    return;
  }
  const ws = loaded.value;
  try {
    const again = outcome(() => ws[fx.entry](fx.request));
    if (got.error) assert.deepEqual(again.error, got.error);
    else assert.equal(JSON.stringify(again.value), JSON.stringify(withoutState(got.value)));
    if (fx.entry !== "canShare" && got.value?.state) {
      assert.equal(JSON.stringify(ws.toJSON()), JSON.stringify(got.value.state), "the loaded state was updated in place");
    }
  } finally {
    ws.dispose();
  }
}

describe("golden fixtures through the package", () => {
  test("there are fixtures", () => assert.ok(fixtures.length > 0, `no fixtures in ${fixturesDir}`));
  for (const fx of fixtures) {
    test(`${fx.name}: ${fx.description}`, () => {
      const got = outcome(() => sp[fx.entry](stateOf(fx), fx.request));
      if (fx.expectError) {
        assert.ok(got.error, `expected ${fx.expectError.code}, got a result`);
        for (const [k, v] of Object.entries(fx.expectError)) assert.deepEqual(got.error[k], v, k);
      } else {
        assert.ok(!got.error, `unexpected error ${JSON.stringify(got.error)}`);
        for (const [k, v] of Object.entries(fx.expect)) assert.deepEqual(got.value[k], v, k);
        if (fx.entry !== "canShare") assert.equal(typeof got.value.state, "object", "result.state is an object");
      }
      // The CLI picks the entry point itself, so it never answers WRONG_ENTRY_POINT.
      if (fx.expectError?.code !== "WRONG_ENTRY_POINT") checkAgainstCli(fx, got, fx.name);
      checkLoadedPath(fx, got);
    });
  }
});

describe("sample states: package and CLI agree", () => {
  sampleCases.forEach((c, i) => {
    test(c.name, () => {
      const got = outcome(() => sp[c.entry](stateOf(c), c.request));
      checkAgainstCli(c, got, `sample-${i}`);
      checkLoadedPath(c, got);
    });
  });
  test("the state can be given as text, bytes or an object", () => {
    const text = readFileSync(join(samplesDir, "hmp.json"), "utf8");
    const request = { actor: "admin", cli: "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1" };
    const expected = JSON.stringify(sp.canShare(text, JSON.stringify(request)));
    assert.equal(JSON.stringify(sp.canShare(JSON.parse(text), request)), expected);
    assert.equal(JSON.stringify(sp.canShare(new TextEncoder().encode(text), request)), expected);
    assert.equal(JSON.stringify(sp.canShare(new TextEncoder().encode(text).buffer, request)), expected);
  });
});
