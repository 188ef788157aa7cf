#!/usr/bin/env node
// The CLI's contract (api.md "Command line"): sub-commands, '-' for stdin, -o, exit codes 0/2/1,
// input errors as one JSON line on stderr, `run` carrying state across steps, `test` with expect.
// Usage: cli_behaviour.mjs SHARE_POLICY_BINARY REPO_ROOT
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { test } from "node:test";
import { fanoutRequest, fanoutState } from "../shared/fanout-state.mjs";

const [binary, root] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "sp-cli-"));
const hmpSample = join(root, "web/samples/hmp.json");
const recording = "f678f415-0665-48cd-b141-1e95283469f1";

function cli(args, input) {
  return spawnSync(binary, args, { encoding: "utf8", input, timeout: 20000 });
}
function file(name, value) {
  const p = join(work, name);
  writeFileSync(p, typeof value === "string" ? value : JSON.stringify(value));
  return p;
}
function oneJsonLine(stderr) {
  const lines = stderr.split("\n").filter(Boolean);
  assert.equal(lines.length, 1, `stderr: ${stderr}`);
  return JSON.parse(lines[0]);
}

test("--help prints usage and exits 0; no arguments exits 2", () => {
  const help = cli(["--help"]);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /share-policy check STATE REQUEST/);
  assert.equal(cli([]).status, 2);
});

test("check reads the request from standard input with '-'", () => {
  const run = cli(
    ["check", hmpSample, "-"],
    JSON.stringify({ actor: "admin", cli: `shareRecordingWithUser creator OWN ${recording}` })
  );
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout).response.line, "OK");
  assert.ok(run.stdout.endsWith("}\n"));
});

test("a malformed state file exits 2 with one JSON line and its pointer", () => {
  const state = file("bad-state.json", '{"hmp": {"users": [ {"id": 5} ]}}');
  const request = file("r.json", { actor: "admin", cli: "x" });
  const run = cli(["check", state, request]);
  assert.equal(run.status, 2);
  assert.equal(run.stdout, "");
  const err = oneJsonLine(run.stderr);
  assert.equal(err.code, "STATE_INVALID");
  assert.equal(err.pointer, "/hmp/users/0/id");
});

test("a request that is not JSON exits 2 with REQUEST_INVALID", () => {
  const run = cli(["check", hmpSample, file("notjson.json", "{ actor: ")]);
  assert.equal(run.status, 2);
  assert.equal(oneJsonLine(run.stderr).code, "REQUEST_INVALID");
});

test("a missing file exits 2 with a JSON error", () => {
  const run = cli(["check", join(work, "does-not-exist.json"), hmpSample]);
  assert.equal(run.status, 2);
  assert.match(oneJsonLine(run.stderr).message, /cannot read/);
});

test("apply -o writes the new state; the result goes to stdout only", () => {
  const out = join(work, "new-state.json");
  const request = file("apply.json", { actor: "admin", cli: `shareRecordingWithUser viewer EDIT ${recording}` });
  const run = cli(["apply", hmpSample, request, "-o", out]);
  assert.equal(run.status, 0, run.stderr);
  const result = JSON.parse(run.stdout);
  assert.equal(result.ok, true);
  assert.equal(result.state, undefined);
  const state = JSON.parse(readFileSync(out, "utf8"));
  const shares = state.hmp.recordings.find((r) => r.id === recording).shares;
  assert.deepEqual(shares.at(-1), {
    id: "a78758cc-48da-47ad-bc6e-6c8564badb7e",
    shareType: "USER",
    permission: "EDIT",
  });
  // Applying the same call to the new state changes nothing more.
  const again = JSON.parse(cli(["check", out, request]).stdout);
  assert.deepEqual(again.changes, []);
  assert.equal(again.warnings[0].code, "NO_CHANGE");
});

test("check never writes: the state file is unchanged and no -o file appears", () => {
  const before = readFileSync(hmpSample, "utf8");
  cli(["check", hmpSample, file("c.json", { actor: "admin", cli: `shareRecordingWithUser viewer OWN ${recording}` })]);
  assert.equal(readFileSync(hmpSample, "utf8"), before);
});

test("run carries the state across steps and prints an array", () => {
  const state = JSON.parse(readFileSync(hmpSample, "utf8"));
  const scenario = file("scenario.json", {
    state,
    steps: [
      { request: { actor: "jdoe", cli: `shareRecordingWithUser viewer WATCH ${recording}` } },
      { request: { actor: "admin", cli: `shareRecordingWithUser jdoe OWN ${recording}` } },
      { request: { actor: "jdoe", cli: `shareRecordingWithUser viewer WATCH ${recording}` } },
    ],
  });
  const run = cli(["run", scenario]);
  assert.equal(run.status, 0, run.stderr);
  const results = JSON.parse(run.stdout);
  assert.equal(results.length, 3);
  assert.equal(results[0].response.line, "ERROR|030003|Cannot share");
  assert.equal(results[1].response.line, "OK");
  assert.equal(results[2].response.line, "OK", "jdoe holds OWN after step 1");
});

test("run stops at a step whose request is an input error, pointer prefixed by /steps/N/request", () => {
  const scenario = file("bad-scenario.json", {
    state: JSON.parse(readFileSync(hmpSample, "utf8")),
    steps: [
      { request: { actor: "admin", cli: `shareRecordingWithUser viewer WATCH ${recording}` } },
      { request: { actor: 42, cli: "x" } },
    ],
  });
  const run = cli(["run", scenario]);
  assert.equal(run.status, 2);
  const err = oneJsonLine(run.stderr);
  assert.equal(err.code, "REQUEST_INVALID");
  assert.equal(err.pointer, "/steps/1/request/actor");
});

test("test reports pass and fail per step, N passed, M failed, non-zero on failure", () => {
  const state = JSON.parse(readFileSync(hmpSample, "utf8"));
  const scenario = file("expect.json", {
    state,
    steps: [
      {
        name: "admin shares",
        request: { actor: "admin", cli: `shareRecordingWithUser viewer WATCH ${recording}` },
        expect: { response: { line: "OK" } },
      },
      {
        name: "wrong expectation",
        request: { actor: "jdoe", cli: `shareRecordingWithUser viewer OWN ${recording}` },
        expect: { response: { line: "OK" } },
      },
    ],
  });
  const run = cli(["test", scenario]);
  assert.notEqual(run.status, 0);
  assert.match(run.stdout, /PASS .*admin shares/);
  assert.match(run.stdout, /FAIL .*wrong expectation/);
  assert.match(run.stdout, /^1 passed, 1 failed$/m);
});

test("200k-deep nesting is LIMIT_EXCEEDED, not a crash", () => {
  const deep = "[".repeat(200000) + "]".repeat(200000);
  const run = cli(["check", file("deep.json", deep), file("r2.json", { actor: "admin", cli: "x" })]);
  assert.equal(run.status, 2);
  const err = oneJsonLine(run.stderr);
  assert.equal(err.code, "LIMIT_EXCEEDED");
  assert.equal(err.pointer, "/0/0/0".repeat(85) + "/0");
});

// docs/ACCESS.md "Bounded lists" (issue 16 item 6): a recording shared with thousands of groups
// gives a small preview (the first 50 holders of each list, exact counts); --access all|N asks for more.
test("check keeps the access of a widely shared recording small; --access all|N lists more", () => {
  const groups = 5000;
  const state = file("fanout.json", fanoutState(groups));
  const request = file("fanout-request.json", fanoutRequest);
  const access = (args) => {
    const run = spawnSync(binary, ["check", state, request, "--format", "json", ...args], {
      encoding: "utf8",
      maxBuffer: 1 << 26,
      timeout: 20000,
    });
    assert.equal(run.status, 0, run.stderr ?? String(run.error));
    return { bytes: run.stdout.length, asset: JSON.parse(run.stdout).access.assets[0] };
  };
  const bounded = access([]);
  assert.ok(bounded.bytes < 40000, `${bounded.bytes} bytes`);
  assert.equal(bounded.asset.before.length, 50);
  assert.deepEqual(bounded.asset.counts, { before: 1 + groups * 3, after: 2 + groups * 3, gained: 1, lost: 0 });
  const all = access(["--access", "all"]);
  assert.equal(all.asset.after.length, 2 + groups * 3);
  assert.equal(all.asset.counts, undefined);
  assert.equal(access(["--access", "3"]).asset.after.length, 3);
  const bad = cli(["check", state, request, "--access", "many"]);
  assert.equal(bad.status, 2);
  assert.equal(oneJsonLine(bad.stderr).code, "USAGE");
});
