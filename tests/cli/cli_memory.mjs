#!/usr/bin/env node
// Peak memory of the CLI against its input (issue 16 item 4, docs/LIMITS.md "Memory"): a state
// whose unknown members hold an object of two million distinct short keys, at the top level, inside
// an element and as an element's own keys, stays within 4x its text; so does a state of two million
// empty objects. The peak is the child's maximum resident set (getrusage of the children, read by
// python3, which scripts/setup installs), less the footprint of a run on the small sample measured
// the same way. That footprint is the larger of the CLI's own (about 4 MB) and the resident set of
// the python3 that spawned it (about 10 MB, which a child's maximum includes): the test allows
// those few MB more, which is why the inputs are 28 MB.
// Requests are held to the same bound: the request reader checks what nobody reads (an unknown
// member, a body's other members) without building it, so three million empty objects in an
// unknown member, in http.body, in scopes or as the whole request cost about their text (before: 22x
// to 39x). OCM's userID and role, which its answer echoes, are kept as their text when large.
// Usage: cli_memory.mjs SHARE_POLICY_BINARY REPO_ROOT
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { after, test } from "node:test";

const [binary, root] = process.argv.slice(2);
const work = mkdtempSync(join(tmpdir(), "sp-memory-"));
after(() => rmSync(work, { recursive: true, force: true }));

// Just past a power of two (2^21), where the old key set had doubled its vectors.
const KEYS = 2_200_000;
const request = join(work, "req.json");
writeFileSync(request, JSON.stringify({ actor: "admin", cli: "shareRecordingWithUser viewer EDIT f678f415-0665-48cd-b141-1e95283469f1" }));
const sample = JSON.parse(readFileSync(join(root, "web/samples/hmp.json"), "utf8"));

// `{"k0000000":0,…}`: 13 bytes of text a key, the shape that cost the key set the most per byte.
function manyKeys(n, prefix = "") {
  const parts = new Array(n);
  for (let i = 0; i < n; i++) parts[i] = `"${prefix}k${String(i).padStart(7, "0")}":0`;
  return parts.join(",");
}

// The sample with `text` put where `where` marks it: a member's value, or a member itself.
function stateWith(where, text) {
  const doc = structuredClone(sample);
  where(doc, "@@here@@");
  return JSON.stringify(doc).replace('"@@here@@"', text).replace('"@@member@@":0', text);
}

// Peak resident set in bytes of one run of the CLI, and its exit status.
function peak(args) {
  const script =
    "import resource, subprocess, sys\n" +
    "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n" +
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode, r.stderr.decode()[:300])";
  const run = spawnSync("python3", ["-c", script, binary, ...args], { encoding: "utf8", timeout: 120_000 });
  assert.equal(run.status, 0, run.stderr);
  const [kb, status, ...stderr] = run.stdout.trim().split(" ");
  return { bytes: Number(kb) * 1024, status: Number(status), stderr: stderr.join(" ") };
}

const footprint = peak(["check", join(root, "web/samples/hmp.json"), request]).bytes;

// One run of the CLI with `args`: its exit status, and its peak (less the footprint) within 4x `input` bytes.
function assertPeakWithin4x(what, args, input, status) {
  const run = peak(args);
  assert.equal(run.status, status, run.stderr);
  const used = run.bytes - footprint;
  const ratio = used / input;
  console.log(`# ${what}: ${(used / 2 ** 20).toFixed(1)} MiB for ${(input / 2 ** 20).toFixed(1)} MiB, ${ratio.toFixed(2)}x`);
  assert.ok(ratio <= 4, `${(used / 2 ** 20).toFixed(1)} MiB for ${(input / 2 ** 20).toFixed(1)} MiB of input: ${ratio.toFixed(2)}x`);
}
console.log(`# footprint ${(footprint / 2 ** 20).toFixed(1)} MiB`);

const shapes = [
  ["an unknown top-level object of two million keys", (d, m) => (d.x = m), `{${manyKeys(KEYS)}}`],
  ["an element's unknown member holding two million keys", (d, m) => (d.hmp.users[0].x = m), `{${manyKeys(KEYS)}}`],
  ["an element with two million unknown keys of its own", (d) => (d.hmp.users[0]["@@member@@"] = 0), manyKeys(KEYS)],
  ["two million empty objects in an unknown key", (d, m) => (d.x = m), `[${new Array(KEYS).fill("{}").join(",")}]`],
];

// Not under AddressSanitizer, whose shadow memory and quarantine are not the program's: a binary
// that cannot start under a 400 MB address-space limit is one.
const sanitized = spawnSync("bash", ["-c", 'ulimit -v 409600 && "$0" --version', binary]).status !== 0;

for (const [what, where, text] of shapes) {
  test(`peak memory within 4x the input: ${what}`, { skip: sanitized && "an AddressSanitizer build" }, () => {
    const state = join(work, "state.json");
    writeFileSync(state, stateWith(where, text));
    assertPeakWithin4x(what, ["check", state, request], statSync(state).size + statSync(request).size, 0);
  });
}

// `[{},{},…]`: 3 bytes of text a value, the shape a DOM costs the most per byte (29x before).
const EMPTIES = 3_000_000;
const empties = `[${new Array(EMPTIES).fill("{}").join(",")}]`;
const withHere = (doc, text) => JSON.stringify(doc).replace('"@@here@@"', text);
const cliShare = JSON.parse(readFileSync(request, "utf8"));
const feedShare = {
  actor: "admin",
  http: {
    method: "POST",
    path: "/apis/sections/0b6d2c1e-3f4a-4b5c-8d6e-7f8091a2b3c4/shares",
    body: { id: "a78758cc-48da-47ad-bc6e-6c8564badb7e", shareType: "USER", permission: "EDIT", x: "@@here@@" },
  },
};
const requestShapes = [
  ["three million empty objects in an unknown member", withHere({ ...cliShare, x: "@@here@@" }, empties), 0],
  ["three million empty objects in a member of http.body", withHere(feedShare, empties), 0],
  ["a request that is an array of three million empty objects (refused)", empties, 2],
  ["scopes of three million empty objects (refused at the first)", withHere({ ...cliShare, scopes: "@@here@@" }, empties), 2],
  // Each scope is kept (Request::scopes): a list of millions of "" was 40x; it stops at kMaxScopes.
  ["scopes of three million empty strings (refused at the limit)", withHere({ ...cliShare, scopes: "@@here@@" }, `[${new Array(EMPTIES).fill('""').join(",")}]`), 2],
  ["an unknown member holding two million keys", withHere({ ...cliShare, x: "@@here@@" }, `{${manyKeys(KEYS)}}`), 0],
];

// recordingIds: the vendor caps the distinct ids after dropping repeats, so a long list cannot be
// refused; the reader keeps the distinct ids the answer quotes (at most the cap) and counts the rest
// in a set of 4-byte offsets into the text. Each id was a DOM string (48 bytes): "r1" 3 million
// times was about 13x, "" about 40x, two million distinct 9-byte ids about 5x.
const reassign = (ids) =>
  withHere(
    {
      actor: "admin@example.com",
      scopes: ["spark-admin:recordings_write"],
      http: {
        method: "POST",
        path: "https://webexapis.com/v1/convergedRecordings/reassign",
        body: { reassignOwnerEmail: "brenda.song@example.com", recordingIds: "@@here@@" },
      },
    },
    `[${ids.join(",")}]`,
  );
const webexShapes = [
  ["recordingIds of one short id three million times", reassign(new Array(EMPTIES).fill('"r1"')), 0],
  ["recordingIds of three million empty strings", reassign(new Array(EMPTIES).fill('""')), 0],
  ["recordingIds of two million distinct short ids", reassign(Array.from({ length: KEYS }, (_, i) => `"k${String(i).padStart(7, "0")}"`)), 0],
  // An id with an escape is kept decoded (it has no text to point at): the shortest such ids.
  ["recordingIds of two million distinct short ids with an escape", reassign(Array.from({ length: KEYS }, (_, i) => `"\\t${i.toString(36).padStart(5, "0")}"`)), 0],
];
// OCM's answer echoes userID and role as sent (ocm.md): a large container there is kept as its
// compact text and written as it is, not as a DOM copied into the run, the response and the
// printed result (before: 3 000 000 {} as userID 85x, 3 000 000 "" as role 112x).
const editRole = (body) =>
  JSON.stringify({
    actor: "U7ECC74059E0FEDFEC66BF5AT00000000002",
    http: { method: "PUT", path: "/documents/api/1.2/shares/F1321DC48E3B123D02DBEE88T0000000000100000001/role", body },
  });
const ocmShapes = [
  ["an OCM userID of three million empty objects (echoed)", editRole({ userID: "@@here@@", role: "viewer" }).replace('"@@here@@"', empties), 0],
  ["an OCM role of three million empty strings (echoed)", editRole({ userID: "U7ECC74059E0FEDFEC66BF5AT00000000001", role: "@@here@@" }).replace('"@@here@@"', `[${new Array(EMPTIES).fill('""').join(",")}]`), 0],
];
for (const [shapes, sampleName] of [[webexShapes, "webex.json"], [requestShapes, "hmp.json"], [ocmShapes, "ocm.json"]]) {
  for (const [what, text, status] of shapes) {
    test(`peak memory within 4x the request: ${what}`, { skip: sanitized && "an AddressSanitizer build" }, () => {
      const big = join(work, "big-request.json");
      writeFileSync(big, text);
      const state = join(root, "web/samples", sampleName);
      assertPeakWithin4x(what, ["check", state, big], statSync(state).size + statSync(big).size, status);
    });
  }
}

// The CLI's other outputs of such an echo build no DOM of the result either (before: --pretty and
// --format text parsed the result's text again, run and test kept a DOM of each step's result):
// --pretty re-indents the compact text, --format text reads the response as text and shows a long
// body cut, and run/test keep each step's text and compare `expect` with it.
const echoOfEmpties = ocmShapes[0][1];
for (const args of [["--pretty"], ["--format", "text"]]) {
  test(`peak memory within 4x the request: an OCM userID of three million empty objects, check ${args.join(" ")}`, { skip: sanitized && "an AddressSanitizer build" }, () => {
    const big = join(work, "big-request.json");
    writeFileSync(big, echoOfEmpties);
    const state = join(root, "web/samples/ocm.json");
    assertPeakWithin4x(`check ${args.join(" ")}`, ["check", state, big, ...args], statSync(state).size + statSync(big).size, 0);
  });
}
const ocmSampleText = readFileSync(join(root, "web/samples/ocm.json"), "utf8");
// The difference lies inside the echo: /response/body/user/id/2 (expected absent, got {}).
const deepExpect = { response: { status: 400, body: { user: { id: [{}, {}] } } } };
const echoScenarios = [
  ["run", [], { ok: false }, 0],
  ["run", ["--pretty"], { ok: false }, 0],
  ["test", [], { ok: false }, 0],
  ["test", [], deepExpect, 3],
];
for (const [command, args, expect, status] of echoScenarios) {
  const what = `${command} ${args.join(" ")} with an OCM userID of three million empty objects, expect ${JSON.stringify(expect)}`;
  test(`peak memory within 4x the scenario: ${what}`, { skip: sanitized && "an AddressSanitizer build" }, () => {
    const scenario = join(work, "echo-scenario.json");
    writeFileSync(scenario, `{"state":${ocmSampleText},"steps":[{"request":${echoOfEmpties},"expect":${JSON.stringify(expect)}}]}`);
    assertPeakWithin4x(what, [command, scenario, ...args], statSync(scenario).size, status);
  });
}

// An expect of three million {} beside the echo: each member of `expect` larger than 4 KiB is kept as
// its compact text and compared with the result's text as text (before: a DOM of it, 20.7x).
const bigExpect = `{"ok":false,"x":${empties}}`;
for (const [command, status] of [["run", 0], ["test", 3]]) {
  test(`peak memory within 4x the scenario: ${command} with an expect of three million empty objects`, { skip: sanitized && "an AddressSanitizer build" }, () => {
    const scenario = join(work, "echo-scenario.json");
    writeFileSync(scenario, `{"state":${ocmSampleText},"steps":[{"request":${echoOfEmpties},"expect":${bigExpect}}]}`);
    assertPeakWithin4x(`${command} with an expect of three million {}`, [command, scenario], statSync(scenario).size, status);
  });
}

// Scenarios (`run`, `test`) are read as requests are: steps' requests as a request, `expect` compact,
// unknown members checked and dropped, and the embedded state where its text is, for the loader to
// read there (before: one DOM of it all, then the state written out again: 24x to 28x).
const sampleText = readFileSync(join(root, "web/samples/hmp.json"), "utf8");
const scenarioShapes = [
  ["three million empty objects in an unknown member of a scenario", `{"state":${sampleText},"steps":[{"request":${JSON.stringify(cliShare)}}],"x":${empties}}`],
  ["three million empty objects in an unknown member of a step", `{"state":${sampleText},"steps":[{"request":${JSON.stringify(cliShare)},"x":${empties}}]}`],
  ["three million empty objects in the embedded state", `{"state":${stateWith((d, m) => (d.x = m), empties)},"steps":[{"request":${JSON.stringify(cliShare)}}]}`],
];
for (const [what, text] of scenarioShapes) {
  test(`peak memory within 4x the scenario: ${what}`, { skip: sanitized && "an AddressSanitizer build" }, () => {
    const scenario = join(work, "scenario.json");
    writeFileSync(scenario, text);
    assertPeakWithin4x(what, ["run", scenario], statSync(scenario).size, 0);
  });
}

// Past kMaxScenarioSteps, refused as the steps are read (before: every step kept first, 28x).
test("peak memory within 4x the scenario: three million empty steps (refused at the limit)", { skip: sanitized && "an AddressSanitizer build" }, () => {
  const scenario = join(work, "scenario.json");
  writeFileSync(scenario, `{"state":{},"steps":${empties}}`);
  assertPeakWithin4x("three million empty steps", ["run", scenario], statSync(scenario).size, 2);
});

// Running out of memory anywhere is LIMIT_EXCEEDED, never an abort: each OCM echo above under
// address-space limits from 20 MB to 300 MB (before: aborted between 110 and 320 MB, when
// nlohmann's destructor of the kept array failed to allocate while a bad_alloc unwound).
for (const [what, text] of ocmShapes) {
  test(`out of memory is LIMIT_EXCEEDED, never an abort: ${what}`, { skip: sanitized && "an AddressSanitizer build" }, () => {
    const big = join(work, "big-request.json");
    writeFileSync(big, text);
    const state = join(root, "web/samples/ocm.json");
    for (let mb = 20; mb <= 300; mb += 20) {
      const run = spawnSync("bash", ["-c", `ulimit -v ${mb * 1024} && exec "$0" check "$1" "$2" >/dev/null`, binary, state, big], { encoding: "utf8" });
      assert.equal(run.signal, null, `${mb} MB: killed by ${run.signal}: ${run.stderr.slice(0, 300)}`);
      assert.ok(run.status === 0 || (run.status === 2 && run.stderr.includes('"LIMIT_EXCEEDED"')), `${mb} MB: exit ${run.status}: ${run.stderr.slice(0, 300)}`);
    }
  });
}
