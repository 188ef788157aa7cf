// Bad input through the package: every failure is a SharePolicyError with the core's code and
// pointer, including a state over the memory cap (LIMIT_EXCEEDED, not an abort).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";

import { importPackage, sampleText } from "./helpers.mjs";

let pkg;
let sp;
before(async () => {
  pkg = await importPackage();
  sp = await pkg.createSharePolicy();
});

const hmp = () => sampleText("hmp.json");
const share = { actor: "admin", cli: "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1" };
const reassign = {
  actor: "admin@example.com",
  scopes: ["spark-admin:recordings_write"],
  http: { method: "POST", path: "/v1/convergedRecordings/reassign",
    body: { ownerEmail: "john.andersen@example.com", reassignOwnerEmail: "brenda.song@example.com" } },
};

function throwsCode(call, code, pointer) {
  let thrown;
  try {
    call();
  } catch (e) {
    thrown = e;
  }
  assert.ok(thrown, `expected ${code}, nothing was thrown`);
  assert.ok(thrown instanceof pkg.SharePolicyError, `not a SharePolicyError: ${thrown}`);
  assert.ok(thrown instanceof Error);
  assert.equal(thrown.name, "SharePolicyError");
  assert.equal(thrown.code, code, thrown.message);
  assert.equal(typeof thrown.message, "string");
  assert.ok(thrown.message.length > 0);
  if (pointer !== undefined) assert.equal(thrown.pointer, pointer);
  return thrown;
}

// A valid HMP state with `extra` more users: large enough to cross a small memory budget.
function bigHmpState(extra) {
  const state = JSON.parse(hmp());
  for (let i = 0; i < extra; i++) {
    const hex = i.toString(16).padStart(12, "0");
    state.hmp.users.push({ id: `00000000-0000-4000-8000-${hex}`, username: `bulk${i}`, email: `bulk${i}@example.com`,
      roles: ["Viewer"], groups: [] });
  }
  return JSON.stringify(state);
}

describe("malformed JSON", () => {
  test("state text", () => throwsCode(() => sp.canShare('{"schema":', share), "STATE_INVALID", "/schema"));
  test("request text", () => throwsCode(() => sp.canShare(hmp(), '{"actor": "admin", "cli": '), "REQUEST_INVALID", "/cli"));
  test("empty state", () => throwsCode(() => sp.canShare("", share), "STATE_INVALID"));
  test("undefined state", () => throwsCode(() => sp.canShare(undefined, share), "STATE_INVALID"));
  test("invalid UTF-8 bytes", () =>
    throwsCode(() => sp.canShare(hmp(), new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d])), "REQUEST_INVALID"));
  test("through a loaded state", () => throwsCode(() => sp.load("{ nope"), "STATE_INVALID"));
});

describe("wrong types", () => {
  test("request is a number", () => throwsCode(() => sp.canShare(hmp(), 42), "REQUEST_INVALID", ""));
  test("actor is a number", () => throwsCode(() => sp.canShare(hmp(), { actor: 5, cli: share.cli }), "REQUEST_INVALID", "/actor"));
  test("cli is not a string", () => throwsCode(() => sp.canShare(hmp(), { actor: "admin", cli: 42 }), "REQUEST_INVALID", "/cli"));
  test("state is an array", () => throwsCode(() => sp.canShare([], share), "STATE_INVALID", ""));
  test("HMP users is not an array", () => {
    const state = JSON.parse(hmp());
    state.hmp.users = "everyone";
    throwsCode(() => sp.canShare(state, share), "STATE_INVALID", "/hmp/users");
  });
  test("a request JSON.stringify cannot write", () =>
    throwsCode(() => sp.canShare(hmp(), { actor: "admin", cli: 1n }), "REQUEST_INVALID", ""));
});

describe("routing and actors", () => {
  test("unknown actor", () =>
    throwsCode(() => sp.canShare(hmp(), { ...share, actor: "nobody-at-all" }), "REQUEST_INVALID", "/actor"));
  test("unknown actor on a loaded state", () => {
    const ws = sp.load(hmp());
    try {
      throwsCode(() => ws.applyShare({ ...share, actor: "nobody-at-all" }), "REQUEST_INVALID", "/actor");
    } finally {
      ws.dispose();
    }
  });
  test("a reassignment sent to canShare", () =>
    throwsCode(() => sp.canShare(sampleText("webex.json"), reassign), "WRONG_ENTRY_POINT", "/http/path"));
  test("a reassignment sent to applyShare", () =>
    throwsCode(() => sp.applyShare(sampleText("webex.json"), reassign), "WRONG_ENTRY_POINT", "/http/path"));
  test("a share sent to resolveReassign", () => throwsCode(() => sp.resolveReassign(hmp(), share), "WRONG_ENTRY_POINT"));
  test("an HTTP call no vendor has", () =>
    throwsCode(() => sp.canShare(hmp(), { actor: "admin", http: { method: "GET", path: "/nowhere" } }), "UNSUPPORTED_OPERATION"));
  test("nesting deeper than the limit", () => {
    const deep = "[".repeat(300) + "]".repeat(300);
    throwsCode(() => sp.canShare(hmp(), `{"actor":"admin","cli":"x","extra":${deep}}`), "LIMIT_EXCEEDED");
  });
});

describe("memory cap", () => {
  const cap = 256 * 1024;
  const big = bigHmpState(4000);

  test("the big state is fine without a budget", () => {
    assert.equal(sp.canShare(big, share).ok, true);
  });

  test("a state over the cap is LIMIT_EXCEEDED, and the instance keeps working", async () => {
    const capped = await pkg.createSharePolicy({ maxMemoryBytes: cap });
    assert.ok(big.length > cap);
    throwsCode(() => capped.canShare(big, share), "LIMIT_EXCEEDED");
    throwsCode(() => capped.applyShare(big, share), "LIMIT_EXCEEDED");
    throwsCode(() => capped.load(big), "LIMIT_EXCEEDED");
    // A small state fits in the same budget: the failed calls released what they held.
    assert.equal(capped.canShare(hmp(), share).ok, true);
    const ws = capped.load(hmp());
    assert.equal(ws.applyShare(share).ok, true);
    ws.dispose();
    throwsCode(() => capped.canShare(big, share), "LIMIT_EXCEEDED");
  });

  test("maxMemoryBytes must be a whole number of bytes: SharePolicyError OPTIONS_INVALID", async () => {
    for (const bad of [-1, "1GB", 0.5]) {
      await assert.rejects(pkg.createSharePolicy({ maxMemoryBytes: bad }),
        (e) => e instanceof pkg.SharePolicyError && e.code === "OPTIONS_INVALID" && e.pointer === "/maxMemoryBytes");
    }
  });
});

describe("loaded states", () => {
  test("apply updates in place; toJSON, summary, dispose", () => {
    const ws = sp.load(hmp());
    assert.equal(ws.summary().hmp.users, JSON.parse(hmp()).hmp.users.length);
    const before = JSON.stringify(ws);
    assert.equal(ws.canShare(share).ok, true);
    assert.equal(JSON.stringify(ws), before, "canShare changes nothing");
    const result = ws.applyShare(share);
    assert.equal(result.ok, true);
    assert.equal("state" in result, false, "a loaded state's apply returns no copy of the state");
    assert.notEqual(JSON.stringify(ws), before, "applyShare updated the loaded state");
    assert.equal(JSON.stringify(ws.toJSON()), JSON.stringify(sp.applyShare(hmp(), share).state));
    ws.dispose();
    ws.dispose();
    throwsCode(() => ws.canShare(share), "DISPOSED");
    throwsCode(() => ws.toJSON(), "DISPOSED");
  });
});
