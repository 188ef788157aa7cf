// canShareBatch on a loaded state: every item equals what canShare answers for the same request
// (its ok/response/error, or the SharePolicyError it throws), in order; a bad batch throws.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, sampleText } from "./helpers.mjs";

const { createSharePolicy, SharePolicyError } = await importPackage();
const sp = await createSharePolicy();

// Every user of the combined sample shares every recording with every other user at each built-in
// permission and at a made-up access permission: allowed shares, each HMP denial, plus requests
// canShare rejects (an unknown actor, a reassignment, a request that is not an object).
function requestMix(state) {
  const hmp = state.hmp;
  const requests = [];
  const permissions = ["WATCH", "EDIT", "OWN", "00000000-0000-4000-8000-000000000000"];
  for (const actor of hmp.users) {
    for (const target of [...hmp.users, { username: "no-such-user" }]) {
      for (const recording of [...hmp.recordings.slice(0, 2), { id: "11111111-2222-4333-8444-555555555555" }]) {
        for (const p of permissions) {
          requests.push({ actor: actor.username, cli: `shareRecordingWithUser ${target.username} ${p} ${recording.id}` });
        }
      }
    }
  }
  requests.push({ actor: "ghost", cli: `shareRecordingWithUser admin WATCH ${hmp.recordings[0].id}` });
  requests.push({ actor: "admin@example.com", http: { method: "POST", path: "/v1/convergedRecordings/reassign", body: {} } });
  requests.push("not a request object");
  return requests;
}

// canShare takes a string as the request's JSON text; in a batch every element is a JSON value, so
// a string element is compared with canShare of that string as a JSON value.
function expectedItem(loaded, request) {
  try {
    const r = loaded.canShare(typeof request === "string" ? JSON.stringify(request) : request);
    return { ok: r.ok, response: r.response, error: r.error };
  } catch (e) {
    assert.ok(e instanceof SharePolicyError, String(e));
    return { ok: false, inputError: { code: e.code, message: e.message, pointer: e.pointer } };
  }
}

test("each item of a batch equals canShare's decision for that request", () => {
  const text = sampleText("combined.json");
  const loaded = sp.load(text);
  const requests = requestMix(JSON.parse(text));
  const items = loaded.canShareBatch(requests);
  assert.equal(items.length, requests.length);
  const outcomes = new Set();
  for (let i = 0; i < requests.length; i++) {
    assert.deepEqual(items[i], expectedItem(loaded, requests[i]), `request ${i}: ${JSON.stringify(requests[i])}`);
    outcomes.add(items[i].ok ? "OK" : (items[i].error?.code ?? items[i].inputError.code));
  }
  // The mix reaches allowed shares, every HMP check that can fail here, and input errors.
  for (const code of ["OK", "030003", "040002", "040004", "040025", "REQUEST_INVALID", "WRONG_ENTRY_POINT"]) {
    assert.ok(outcomes.has(code), `the mix reaches ${code}: ${[...outcomes]}`);
  }
  // A batch previews: the loaded state is unchanged.
  assert.equal(JSON.stringify(loaded.toJSON()), JSON.stringify(sp.load(text).toJSON()));
  loaded.dispose();
});

test("a batch given as JSON text answers as the array does", () => {
  const loaded = sp.load(sampleText("hmp.json"));
  const requests = [
    { actor: "admin", cli: "shareRecordingWithUser jdoe WATCH f678f415-0665-48cd-b141-1e95283469f1" },
    { actor: "jdoe", cli: "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1" },
  ];
  assert.deepEqual(loaded.canShareBatch(JSON.stringify(requests)), loaded.canShareBatch(requests));
  assert.deepEqual(loaded.canShareBatch([]), []);
  loaded.dispose();
});

test("a batch that is not an array of requests throws SharePolicyError with a pointer", () => {
  const loaded = sp.load(sampleText("hmp.json"));
  assert.throws(() => loaded.canShareBatch({ actor: "admin", cli: "x" }), { name: "SharePolicyError", code: "REQUEST_INVALID", pointer: "" });
  assert.throws(() => loaded.canShareBatch('[{}, {"actor": tru}]'), { code: "REQUEST_INVALID", pointer: "/1/actor" });
  assert.throws(() => loaded.canShareBatch(new Array(100001).fill({})), { code: "LIMIT_EXCEEDED", pointer: "/100000" });
  loaded.dispose();
  assert.throws(() => loaded.canShareBatch([]), { code: "DISPOSED" });
});

// canShareBatchCodes: the same decisions as canShareBatch, as outcome codes, for request arrays
// (cli rows cross without JSON, others as JSON) and for columns; item(row) is canShareBatch's item.
const codeOf = (item) => (item.inputError ? -1 : item.ok ? 1 : 0);

test("canShareBatchCodes gives each row the outcome of its canShareBatch item", () => {
  const text = sampleText("combined.json");
  const loaded = sp.load(text);
  const requests = requestMix(JSON.parse(text));
  // Rows at the fast path's edges: an extra key, a null actor, a non-string cli, non-rows, non-ASCII
  // text, a command line over the limit.
  requests.push({ actor: "admin", cli: "shareRecordingWithUser jdoe WATCH x", scopes: [] });
  requests.push({ actor: null, cli: "shareRecordingWithUser jdoe WATCH x" });
  requests.push({ actor: "admin", cli: 7 }, undefined, null, 42);
  requests.push({ actor: "admïn", cli: "shareRecordingWithUser jdoé WATCH x" });
  requests.push({ actor: "admin", cli: "x".repeat((1 << 20) + 1) });
  const items = loaded.canShareBatch(requests.map((r) => (r === undefined ? null : r)));
  const outcome = loaded.canShareBatchCodes(requests);
  assert.ok(outcome.codes instanceof Int32Array);
  assert.equal(outcome.codes.length, requests.length);
  const seen = new Set();
  for (let i = 0; i < requests.length; i++) {
    assert.equal(outcome.codes[i], codeOf(items[i]), `row ${i}: ${JSON.stringify(requests[i])?.slice(0, 200)}`);
    seen.add(outcome.codes[i]);
  }
  assert.deepEqual([...seen].sort(), [-1, 0, 1]);
  assert.deepEqual(outcome.item(0), items[0]);
  assert.deepEqual(outcome.item(requests.length - 1), items[requests.length - 1]);
  loaded.dispose();
});

test("canShareBatchCodes takes columns of command lines and actors", () => {
  const loaded = sp.load(sampleText("hmp.json"));
  const rec = "f678f415-0665-48cd-b141-1e95283469f1";
  const columns = {
    actor: ["admin", "jdoe", null],
    cli: [`shareRecordingWithUser jdoe WATCH ${rec}`, `shareRecordingWithUser creator OWN ${rec}`, `shareRecordingWithUser jdoe WATCH ${rec}`],
  };
  const rows = columns.cli.map((cli, i) => (columns.actor[i] === null ? { cli } : { actor: columns.actor[i], cli }));
  const { codes, item } = loaded.canShareBatchCodes(columns);
  assert.deepEqual([...codes], loaded.canShareBatch(rows).map(codeOf));
  assert.deepEqual(item(1), loaded.canShareBatch([rows[1]])[0]);
  // Columns are read in place; a cell that is not a string (or a null actor) is the request it
  // stands for, sent as JSON, so it decides as canShareBatch decides that request.
  const odd = { actor: ["admin", 5, undefined, "admïn"], cli: [7, `shareRecordingWithUser jdoe WATCH ${rec}`, `shareRecordingWithUser jdoe WATCH ${rec}`, "x"] };
  const oddRows = [{ actor: "admin", cli: 7 }, { actor: 5, cli: odd.cli[1] }, { cli: odd.cli[2] }, { actor: "admïn", cli: "x" }];
  const oddCodes = loaded.canShareBatchCodes(odd);
  assert.deepEqual([...oddCodes.codes], loaded.canShareBatch(oddRows).map(codeOf));
  assert.deepEqual(oddCodes.item(1), loaded.canShareBatch([oddRows[1]])[0]);
  assert.throws(() => loaded.canShareBatchCodes({ cli: "x" }), { name: "SharePolicyError", code: "REQUEST_INVALID", pointer: "/cli" });
  assert.deepEqual([...loaded.canShareBatchCodes([]).codes], []);
  assert.throws(() => loaded.canShareBatchCodes(new Array(100001).fill({ cli: "x" })), { code: "LIMIT_EXCEEDED" });
  loaded.dispose();
});
