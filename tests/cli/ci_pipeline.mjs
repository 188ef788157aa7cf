#!/usr/bin/env node
// share-policy in CI pipelines and terminals (issue 17), through the built binary: JUnit and TAP
// reporters, folders and -j, invalid files among valid ones, --format text, failure diffs,
// --update, stateFile shared by many files and threads; and issue 16 item 7 (state warnings once
// per scenario, not once per step).
// Usage: ci_pipeline.mjs SHARE_POLICY_BINARY REPO_ROOT
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { test } from "node:test";

const [binary, root] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "sp-ci-"));
const hmpText = readFileSync(join(root, "web/samples/hmp.json"), "utf8");
const recording = "f678f415-0665-48cd-b141-1e95283469f1";
const viewerId = "a78758cc-48da-47ad-bc6e-6c8564badb7e";

function cli(args, options = {}) {
  return spawnSync(binary, args, { encoding: "utf8", timeout: 60000, maxBuffer: 1 << 30, ...options });
}
function write(path, value) {
  writeFileSync(path, typeof value === "string" ? value : JSON.stringify(value, null, 2));
  return path;
}
function folder(name) {
  const p = join(work, name);
  mkdirSync(p, { recursive: true });
  return p;
}
const share = (actor, who, permission) => ({ actor, cli: `shareRecordingWithUser ${who} ${permission} ${recording}` });

// A folder of scenarios: a passing one, a failing one (with characters XML must escape), an
// invalid one and one in a subfolder. Returns the folder.
function mixedSuite(name) {
  const dir = folder(name);
  write(join(dir, "org.json"), hmpText);
  folder(`${name}/scenarios/nested`);
  write(join(dir, "scenarios/a-pass.json"), {
    stateFile: "../org.json",
    steps: [{ name: "admin shares", request: share("admin", "viewer", "WATCH"), expect: { ok: true, response: { line: "OK" } } }],
  });
  write(join(dir, "scenarios/b-fail.json"), {
    stateFile: "../org.json",
    steps: [
      { name: "passes", request: share("admin", "viewer", "WATCH"), expect: { ok: true } },
      { name: `quotes " ' & <tags> \u0001 ]]> end`, request: share("jdoe", "viewer", "OWN"), expect: { ok: true, changes: [{ type: "share.set" }] } },
    ],
  });
  write(join(dir, "scenarios/c-invalid.json"), { stateFile: "../org.json", steps: [{ request: { actor: 42, cli: "x" } }] });
  write(join(dir, "scenarios/nested/d-pass.json"), {
    state: JSON.parse(hmpText),
    steps: [{ request: share("jdoe", "viewer", "WATCH"), expect: { ok: false } }],
  });
  return join(dir, "scenarios");
}

function parseXml(path) {
  // A real XML parser: python3's xml.etree (well-formedness), printing counts as JSON.
  const script = `
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
suites = [{"name": s.get("name"), "tests": int(s.get("tests")), "failures": int(s.get("failures")), "errors": int(s.get("errors")),
  "cases": [{"name": c.get("name"), "failure": (c.find("failure").get("message") if c.find("failure") is not None else None),
             "failureText": (c.find("failure").text if c.find("failure") is not None else None),
             "error": (c.find("error").get("type") if c.find("error") is not None else None)} for c in s.findall("testcase")]}
  for s in root.findall("testsuite")]
print(json.dumps({"root": root.tag, "tests": int(root.get("tests")), "failures": int(root.get("failures")), "errors": int(root.get("errors")), "suites": suites}))
`;
  const run = spawnSync("python3", ["-c", script, path], { encoding: "utf8" });
  assert.equal(run.status, 0, `not well-formed XML: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

test("--reporter junit --output: well-formed XML, one suite per file, one case per step, counts, escaping, first difference", () => {
  const dir = mixedSuite("junit");
  const out = join(work, "results.xml");
  const run = cli(["test", "-j", "2", "--reporter", "junit", "--output", out, dir]);
  assert.equal(run.status, 2, "an invalid file makes the exit status 2");
  assert.equal(run.stdout, "");
  const xml = parseXml(out);
  assert.equal(xml.root, "testsuites");
  assert.deepEqual(xml.suites.map((s) => s.name.replace(dir, "")), ["/a-pass.json", "/b-fail.json", "/c-invalid.json", "/nested/d-pass.json"]);
  assert.deepEqual(xml.suites.map((s) => [s.tests, s.failures, s.errors]), [[1, 0, 0], [2, 1, 0], [1, 0, 1], [1, 0, 0]]);
  assert.deepEqual([xml.tests, xml.failures, xml.errors], [5, 1, 1]);
  const failing = xml.suites[1].cases[1];
  assert.equal(failing.name, "step 1 (quotes \" ' & <tags> \ufffd ]]> end)", "escaped, and U+0001 (not an XML character) replaced");
  assert.equal(failing.failure, "/ok: expected true, got false", "message: pointer of the first difference, expected, actual");
  assert.match(failing.failureText, /^\/ok: expected true, got false\n\/changes\/0: expected \{"type":"share.set"\}, got \(absent\)\n$/);
  assert.equal(xml.suites[2].cases[0].error, "REQUEST_INVALID");
});

test("--reporter junit: a file name that is not UTF-8 (an overlong '/') is written as replacement characters", () => {
  const dir = folder("junit-bytes");
  write(join(dir, "org.json"), hmpText);
  const scenarios = folder("junit-bytes/scenarios");
  // Linux names are bytes: C0 AF looks like a two-byte character but is no UTF-8 at all. The
  // folder is named on the command line; the file name is read from it as it is.
  const name = Buffer.concat([Buffer.from(join(scenarios, "bad-")), Buffer.from([0xc0, 0xaf]), Buffer.from(".json")]);
  writeFileSync(name, JSON.stringify({ stateFile: "../org.json", steps: [{ request: share("admin", "viewer", "WATCH"), expect: { ok: true } }] }));
  const out = join(work, "bytes.xml");
  const run = cli(["test", "--reporter", "junit", "--output", out, scenarios]);
  assert.equal(run.status, 0, run.stderr);
  const xml = parseXml(out);
  assert.equal(xml.suites[0].name, join(scenarios, "bad-\ufffd\ufffd.json"));
});

test("--reporter tap: plan, one point per step and per invalid file, diagnostics", () => {
  const dir = mixedSuite("tap");
  const run = cli(["test", "--reporter", "tap", dir]);
  assert.equal(run.status, 2);
  const lines = run.stdout.split("\n");
  assert.equal(lines[0], "TAP version 13");
  assert.equal(lines[1], "1..5");
  const points = lines.filter((l) => /^(not )?ok \d+ /.test(l));
  assert.deepEqual(points.map((l) => l.split(" - ")[0]), ["ok 1", "ok 2", "not ok 3", "not ok 4", "ok 5"]);
  assert.ok(lines.includes('    - "/ok: expected true, got false"'), run.stdout);
});

test("folders are searched recursively and sorted; output and exit status do not depend on -j", () => {
  const dir = mixedSuite("jobs");
  const runs = ["1", "2", "8"].map((j) => cli(["test", "-j", j, dir]));
  for (const r of runs) {
    assert.equal(r.status, 2);
    assert.equal(r.stdout, runs[0].stdout);
    assert.equal(r.stderr, runs[0].stderr);
  }
  const order = runs[0].stdout.split("\n").filter((l) => /^(PASS|FAIL|ERROR) /.test(l)).map((l) => l.split(" ")[1].replace(/:$/, "").replace(dir, ""));
  assert.deepEqual(order, ["/a-pass.json", "/b-fail.json", "/b-fail.json", "/c-invalid.json", "/nested/d-pass.json"]);
  assert.match(runs[0].stdout, /^3 passed, 1 failed, 1 invalid file$/m);
});

test("an invalid file is an input error naming the file and pointer; the other files still run", () => {
  const dir = mixedSuite("invalid");
  const run = cli(["test", dir]);
  assert.equal(run.status, 2);
  const errors = run.stderr.split("\n").filter(Boolean).map((l) => JSON.parse(l));
  assert.equal(errors.length, 1);
  assert.equal(errors[0].code, "REQUEST_INVALID");
  assert.equal(errors[0].pointer, "/steps/0/request/actor");
  assert.equal(errors[0].file, join(dir, "c-invalid.json"));
  assert.match(run.stdout, /PASS .*nested\/d-pass\.json step 0/);
  // A broken state file: its own pointer and name; the scenario names it.
  const broken = folder("invalid-state");
  write(join(broken, "org.json"), '{"hmp": {"users": [ {"id": 5} ]}}');
  const bad = cli(["test", write(join(broken, "s.json"), { stateFile: "org.json", steps: [] })]);
  const err = JSON.parse(bad.stderr.trim().split("\n")[0]);
  assert.deepEqual([err.code, err.pointer, err.file], ["STATE_INVALID", "/hmp/users/0/id", join(broken, "org.json")]);
  assert.match(err.message, /stateFile 'org\.json'/);
  // A folder without scenarios is an error, not a silent pass.
  const empty = cli(["test", folder("empty-folder")]);
  assert.equal(empty.status, 2);
  assert.match(JSON.parse(empty.stderr.trim()).message, /no \*\.json scenario file under/);
  // All passing: exit 0; a failure alone: exit 3.
  assert.equal(cli(["test", join(dir, "a-pass.json")]).status, 0);
  assert.equal(cli(["test", join(dir, "b-fail.json")]).status, 3);
});

test("text reporter: each mismatch as 'pointer: expected … got …'", () => {
  const dir = folder("diff");
  write(join(dir, "org.json"), hmpText);
  const scenario = write(join(dir, "s.json"), {
    stateFile: "org.json",
    steps: [{ request: share("admin", "viewer", "EDIT"), expect: { ok: true, changes: [{ type: "share.set", system: "hmp", asset: { kind: "recording", id: recording }, principal: { type: "user", id: viewerId }, before: null, after: "OWN" }] } }],
  });
  const run = cli(["test", scenario]);
  assert.equal(run.status, 3);
  assert.match(run.stdout, /^     \/changes\/0\/after: expected "OWN", got "EDIT"$/m);
});

test("--update rewrites failing steps' expect only with --yes, atomically; the file then passes", () => {
  const dir = folder("update");
  write(join(dir, "org.json"), hmpText);
  const scenario = write(join(dir, "s.json"), {
    stateFile: "org.json",
    steps: [
      { name: "kept", request: share("admin", "viewer", "WATCH"), expect: { ok: true } },
      { name: "new answer", request: share("jdoe", "viewer", "OWN"), expect: { ok: true, response: { line: "OK" }, fidelity: "documented" } },
    ],
  });
  // Text that a parse and a rewrite would not keep: a number beyond 64 bits, odd spacing.
  writeFileSync(scenario, readFileSync(scenario, "utf8").replace('"stateFile"', '"note":   18446744073709551616,\n  "stateFile"'));
  const before = readFileSync(scenario, "utf8");
  const refused = cli(["test", "--update", scenario]);
  assert.equal(refused.status, 2);
  assert.match(JSON.parse(refused.stderr.trim()).message, /--yes/);
  assert.equal(readFileSync(scenario, "utf8"), before, "nothing written without the confirmation");

  const updated = cli(["test", "--update", "--yes", scenario]);
  assert.equal(updated.status, 3, "the run that updates still reports the failure");
  const doc = JSON.parse(readFileSync(scenario, "utf8"));
  assert.deepEqual(doc.steps[0].expect, { ok: true });
  assert.deepEqual(doc.steps[1].expect, { ok: false, response: { line: "ERROR|030003|Cannot share" }, fidelity: "inferred" });
  assert.equal(doc.stateFile, "org.json");
  const after = readFileSync(scenario, "utf8");
  assert.ok(after.includes('"note":   18446744073709551616,'), "the rest of the file is kept byte for byte");
  const keptStep = before.slice(before.indexOf('"steps"'), before.indexOf('"new answer"'));
  assert.ok(after.includes(keptStep), "a passing step is kept byte for byte");
  assert.equal(after, before.replace(JSON.stringify(JSON.parse(before).steps[1].expect, null, 2).replaceAll("\n", "\n      "),
    JSON.stringify(doc.steps[1].expect, null, 2).replaceAll("\n", "\n      ")), "only the failing step's expect changed");
  assert.ok(!existsSync(`${scenario}.tmp`));
  assert.equal(cli(["test", scenario]).status, 0);
});

test("a state shared by many files and threads is never changed in place", () => {
  // Every file starts from the same state file and changes the same share: if one file's changes
  // leaked into the shared state, another file's first step would see "before": "WATCH".
  const dir = folder("threads/scenarios");
  write(join(work, "threads/org.json"), hmpText);
  const change = (before, after) => ({ type: "share.set", system: "hmp", asset: { kind: "recording", id: recording }, principal: { type: "user", id: viewerId }, before, after });
  for (let i = 0; i < 60; i++) {
    write(join(dir, `s${String(i).padStart(2, "0")}.json`), {
      stateFile: "../org.json",
      steps: [
        { request: share("admin", "viewer", "WATCH"), expect: { changes: [change(null, "WATCH")] } },
        { request: share("admin", "viewer", "EDIT"), expect: { changes: [change("WATCH", "EDIT")] } },
        { request: share("admin", "viewer", "OWN"), expect: { changes: [change("EDIT", "OWN")] } },
      ],
    });
  }
  for (let round = 0; round < 3; round++) {
    const run = cli(["test", "-j", "8", dir]);
    assert.equal(run.status, 0, run.stdout.slice(-2000));
    assert.match(run.stdout, /^180 passed, 0 failed$/m);
  }
});

test("run resolves stateFile relative to the scenario file", () => {
  const dir = folder("run-statefile/deeper");
  write(join(work, "run-statefile/org.json"), hmpText);
  const scenario = write(join(dir, "s.json"), { stateFile: "../org.json", steps: [{ request: share("admin", "viewer", "WATCH") }] });
  const run = cli(["run", scenario]);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(JSON.parse(run.stdout)[0].response.line, "OK");
  const both = write(join(dir, "both.json"), { state: JSON.parse(hmpText), stateFile: "../org.json", steps: [] });
  const err = JSON.parse(cli(["run", both]).stderr.trim());
  assert.deepEqual([err.code, err.pointer], ["REQUEST_INVALID", "/stateFile"]);
});

test("check/apply --format text: the verdict, response, explanation, changes, access; no colour off a terminal", () => {
  const request = write(join(work, "req.json"), share("admin", "viewer", "WATCH"));
  const state = write(join(work, "org-text.json"), hmpText);
  const json = cli(["check", state, request]);
  assert.equal(json.status, 0);
  assert.equal(JSON.parse(json.stdout).ok, true, "JSON stays the default when stdout is not a terminal");
  const text = cli(["check", state, request, "--format", "text"]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^ALLOWED  hmp\.shareRecordingWithUser$/m);
  assert.match(text.stdout, /^response  OK$/m);
  assert.match(text.stdout, /^why\n  - actor 'admin'/m);
  assert.match(text.stdout, /hmp share\.set recording .* \(none\) -> WATCH/);
  assert.match(text.stdout, /\+ viewer \(a78758cc.*\) gains watch/);
  assert.ok(!text.stdout.includes("\x1b["), "no colour when stdout is not a terminal");
  const denied = cli(["apply", state, write(join(work, "req2.json"), share("jdoe", "viewer", "OWN")), "--format", "text"]);
  assert.match(denied.stdout, /^DENIED  hmp\.shareRecordingWithUser  \(inferred\)$/m);
  assert.match(denied.stdout, /^error     030003 CannotShare: Cannot share$/m);
  assert.equal(cli(["check", state, request, "--format", "yaml"]).status, 2);
});

test("--format text shows a response body longer than 4 096 bytes cut, with its size (an OCM echo)", () => {
  const ocm = join(root, "web/samples/ocm.json");
  const body = (userID) => ({
    actor: "U7ECC74059E0FEDFEC66BF5AT00000000002",
    http: { method: "PUT", path: "/documents/api/1.2/shares/F1321DC48E3B123D02DBEE88T0000000000100000001/role", body: { userID, role: "viewer" } },
  });
  const long = write(join(work, "req-echo.json"), body(new Array(3000).fill("é")));
  const json = cli(["check", ocm, long]);
  const bodyText = JSON.stringify(JSON.parse(json.stdout).response.body);
  const text = cli(["check", ocm, long, "--format", "text"]);
  assert.equal(text.status, 0, text.stderr);
  const line = text.stdout.split("\n").find((l) => l.startsWith("response  "));
  assert.ok(line.endsWith(`… (${Buffer.byteLength(bodyText)} bytes; see --format json)`), line.slice(-80));
  assert.ok(bodyText.startsWith(line.slice("response  HTTP 400 ".length, line.indexOf("…"))), "the cut text is the body's start");
  assert.ok(Buffer.byteLength(line) < 4200, "cut at 4 096 bytes, at a character boundary");
  const short = cli(["check", ocm, write(join(work, "req-echo2.json"), body(["a", "b"])), "--format", "text"]);
  assert.match(short.stdout, /^response  HTTP 400 \{.*\["a","b"\].*\}$/m);
});

test("on a terminal: text by default, colour unless NO_COLOR is set", { skip: !existsSync("/usr/bin/script") && "no script(1)" }, () => {
  const request = write(join(work, "req-tty.json"), share("admin", "viewer", "WATCH"));
  const state = write(join(work, "org-tty.json"), hmpText);
  const command = `'${binary}' check '${state}' '${request}'`;
  const tty = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "" } });
  assert.equal(tty.status, 0, tty.stderr);
  assert.match(tty.stdout, /ALLOWED/);
  assert.ok(tty.stdout.includes("\x1b[32m"), "green verdict on a terminal");
  const plain = spawnSync("script", ["-qec", command, "/dev/null"], { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
  assert.match(plain.stdout, /ALLOWED/);
  assert.ok(!plain.stdout.includes("\x1b["), "NO_COLOR turns colour off");
});

test("scenario output carries the load's warnings once, not once per step (issue 16 item 7)", () => {
  const state = JSON.parse(hmpText);
  const warnings = 1500;
  for (let i = 0; i < warnings; i++) {
    const id = (n) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
    state.hmp.users.push({ id: id(2 * i), username: `dup${i}`, email: `a${i}@example.com`, roles: [], groups: [] });
    state.hmp.users.push({ id: id(2 * i + 1), username: `DUP${i}`, email: `b${i}@example.com`, roles: [], groups: [] });
  }
  const steps = Array.from({ length: 300 }, () => ({ request: share("admin", "viewer", "WATCH") }));
  steps.push({ request: share("admin", "viewer", "EDIT"), expect: { stateWarnings: [{ code: "AMBIGUOUS_USERNAME" }] } });
  const scenario = write(join(work, "warnings.json"), JSON.stringify({ state, steps }));
  const run = cli(["run", scenario]);
  assert.equal(run.status, 0, run.stderr);
  const results = JSON.parse(run.stdout);
  assert.equal(results.length, 301);
  assert.equal(results[0].stateWarnings.length, warnings);
  assert.ok(results.slice(1).every((r) => r.stateWarnings === undefined));
  const oneWarning = JSON.stringify(results[0].stateWarnings).length / warnings;
  assert.ok(run.stdout.length < 2 * oneWarning * warnings + 301 * 2000, `output ${run.stdout.length} bytes repeats the warnings`);
  // A later step's expect may still name stateWarnings: compared with the load's (here: a mismatch).
  const tested = cli(["test", scenario]);
  assert.equal(tested.status, 3);
  assert.match(tested.stdout, /step 300\n     \/stateWarnings\/0\/message: expected \(absent\), got "/);
});
