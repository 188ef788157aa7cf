// Native and WebAssembly give the same answers: 10k deterministic random requests against the sample
// states, through the native CLI in one process per sample (`share-policy run SCENARIO`: each step
// applied to the state the steps before left) and through the package (a loaded state, applyShare /
// resolveReassign in place: the CLI's rule), compared result by result as JSON text.
// Run: node --test tests/hostile/native_vs_wasm.test.mjs
// Env: SHAREPOLICY_CLI (default build/core/cli/share-policy), SHAREPOLICY_PACKAGE (default dist/share-policy),
//      NATIVE_VS_WASM_COUNT (default 10000). Skips when either build is missing.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { test } from "node:test";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const cli = process.env.SHAREPOLICY_CLI || join(root, "build/core/cli/share-policy");
const pkgEntry = join(process.env.SHAREPOLICY_PACKAGE || join(root, "dist/share-policy"), "index.js");
const total = Number(process.env.NATIVE_VS_WASM_COUNT || 10000);
const skip = !existsSync(pkgEntry)
  ? `the WebAssembly package is not built yet (${pkgEntry} is missing)`
  : !existsSync(cli)
    ? `the native CLI is not built yet (${cli} is missing)`
    : false;

// mulberry32: a tiny seeded generator, the same sequence on every machine.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generator(seed, state) {
  const r = rng(seed);
  const int = (n) => Math.floor(r() * n);
  const pick = (a) => a[int(a.length)];
  const chance = (p) => r() < p;
  const hmp = state.hmp, ocm = state.ocm, webex = state.webex;
  const oddChars = ["\"", "\\", " ", "\t", "\n", "\u0000", "\u001b", "é", "😀", "\u2028", "'", "|", ",", "%", "%2F", "?", "#"];
  const junk = () => Array.from({ length: int(6) }, () => (chance(0.5) ? pick(oddChars) : String.fromCharCode(97 + int(26)))).join("");
  const mangle = (s) => {
    const k = int(10);
    if (k === 0) return s.toUpperCase();
    if (k === 1) return s.toLowerCase();
    if (k === 2) return s + junk();
    if (k === 3) return junk();
    return s;
  };
  const perm = () => pick(["WATCH", "EDIT", "OWN", "own", "RECORD", ...(hmp?.accessPermissions ?? []).map((p) => p.id), "00000000-0000-4000-8000-000000000000", junk()]);
  const hmpUser = () => pick(hmp.users);
  const hmpGroup = () => pick(hmp.groups);
  const hmpActor = () => (chance(0.5) ? hmpUser().username : hmpUser().id);
  const seg = (s) => encodeURIComponent(s) || "x";  // a path segment that still routes
  const quote = (s) => (chance(0.3) ? `"${s.replace(/[\\"]/g, (c) => "\\" + c)}"` : s);

  const kinds = [];
  if (hmp) kinds.push("hmpCli", "hmpCli", "hmpFeed");
  if (ocm) kinds.push("ocm", "ocm");
  if (webex) kinds.push("webex", "webex");

  return () => {
    const kind = pick(kinds);
    if (kind === "hmpCli") {
      const group = chance(0.35);
      const name = group ? hmpGroup().groupname : hmpUser().username;
      const rec = chance(0.9) ? pick([...hmp.recordings, ...(hmp.feeds ?? [])]).id : junk();
      const parts = [pick(["shareRecordingWithUser", "shareRecordingWithGroup", group ? "shareRecordingWithGroup" : "shareRecordingWithUser", "listUsers", junk()]),
        quote(mangle(name)), perm(), mangle(rec)];
      if (chance(0.1)) parts.push(junk());
      if (chance(0.1)) parts.pop();
      const sep = () => pick([" ", " ", "  ", "\t", "\n", "\r\n"]);
      return { actor: hmpActor(), cli: parts.join(sep()) };
    }
    if (kind === "hmpFeed") {
      const feed = chance(0.85) ? pick(hmp.feeds).id : mangle(pick(hmp.feeds).id);
      const group = chance(0.4);
      const principal = group ? hmpGroup() : hmpUser();
      const method = pick(["POST", "GET", "PUT", "DELETE", "post"]);
      const path = method.toUpperCase() === "PUT" || method.toUpperCase() === "DELETE"
        ? `/apis/sections/${seg(feed)}/shares/${seg(mangle(principal.id))}` : `/apis/sections/${seg(feed)}/shares`;
      const body = { shareType: chance(0.9) ? (group ? "GROUP" : "USER") : junk(), permission: perm() };
      if (chance(0.6)) body.id = mangle(principal.id);
      if (chance(0.5)) body.name = mangle(group ? principal.groupname : principal.username);
      const http = { method, path: (chance(0.2) ? "https://hmp.example.com" : "") + path };
      if (chance(0.9)) http.body = chance(0.1) ? JSON.stringify(body).slice(0, int(40)) : body;
      return { actor: hmpActor(), http };
    }
    if (kind === "ocm") {
      const folder = chance(0.9) ? pick(ocm.folders).id : junk();
      const ids = Array.from({ length: 1 + int(4) }, () => {
        const k = int(4);
        if (k === 0) return pick(ocm.users).id;
        if (k === 1) return mangle(pick(ocm.users).loginName);
        if (k === 2) return pick(ocm.groups).id;
        return junk();
      }).join(pick([",", ", ", " , "]));
      const role = pick(["viewer", "downloader", "contributor", "manager", "Manager", junk()]);
      const op = int(4);
      const base = `/documents/api/1.2/shares/${seg(folder)}`;
      let http;
      if (op === 0) http = { method: "PUT", path: base + "/role", body: chance(0.9) ? { userID: ids, role } : { userID: ids } };
      else if (op === 1) http = { method: "POST", path: base, body: { userID: ids, role } };
      else if (op === 2) http = { method: "DELETE", path: `${base}/user?userID=${encodeURIComponent(ids)}` };
      else http = { method: "GET", path: base + "/items" };
      const u = pick(ocm.users);
      return { actor: chance(0.5) ? u.id : u.loginName, http };
    }
    const person = () => pick(webex.people);
    const body = { reassignOwnerEmail: chance(0.9) ? mangle(person().email) : junk() };
    if (chance(0.5)) body.ownerEmail = mangle(person().email);
    if (chance(0.3)) body.ownerID = chance(0.8) ? person().id : junk();
    if (chance(0.4)) body.recordingIds = Array.from({ length: int(5) }, () => (chance(0.8) ? pick(webex.recordings).id : junk()));
    const req = { http: { method: "POST", path: "/v1/convergedRecordings/reassign", body } };
    if (chance(0.9)) req.actor = chance(0.5) ? person().id : person().email;
    if (chance(0.9)) req.scopes = chance(0.9) ? ["spark-admin:recordings_write"] : ["spark:all"];
    return req;
  };
}

const isReassign = (req) => Boolean(req.http && /convergedRecordings\/reassign/.test(req.http.path));

test(`native and WebAssembly agree on ${total} random requests`, { skip, timeout: 30 * 60 * 1000 }, async () => {
  const { createSharePolicy } = await import(pathToFileURL(pkgEntry).href);
  const sp = await createSharePolicy();
  const work = mkdtempSync(join(tmpdir(), "sp-native-wasm-"));
  const samples = ["combined.json", "hmp.json", "ocm.json", "webex.json"];
  let compared = 0;
  for (const [i, name] of samples.entries()) {
    const stateText = readFileSync(join(root, "web/samples", name), "utf8");
    const state = JSON.parse(stateText);
    const next = generator(1000 + i, state);
    const count = Math.floor(total / samples.length) + (i < total % samples.length ? 1 : 0);
    const steps = Array.from({ length: count }, () => ({ request: next() }));

    const scenarioPath = join(work, `scenario-${i}.json`);
    writeFileSync(scenarioPath, JSON.stringify({ state, steps }));
    const run = spawnSync(cli, ["run", scenarioPath], { maxBuffer: 1024 * 1024 * 1024, timeout: 10 * 60 * 1000 });
    assert.equal(run.status, 0, `native run on ${name}: exit ${run.status} ${run.signal ?? ""} ${run.stderr}`);
    const nativeResults = JSON.parse(run.stdout.toString("utf8"));
    assert.equal(nativeResults.length, steps.length);

    const loaded = sp.load(stateText);
    try {
      for (let k = 0; k < steps.length; k++) {
        const req = steps[k].request;
        const wasm = isReassign(req) ? loaded.resolveReassign(req) : loaded.applyShare(req);
        const a = JSON.stringify(nativeResults[k]);
        const b = JSON.stringify(wasm);
        if (a !== b) {
          assert.fail(`${name} step ${k} differs\nrequest ${JSON.stringify(req)}\nnative ${a}\nwasm   ${b}`);
        }
        compared++;
      }
    } finally {
      loaded.dispose();
    }
  }
  assert.equal(compared, total);
});
