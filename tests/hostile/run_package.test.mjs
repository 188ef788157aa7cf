// The hostile-input catalog (catalog.mjs) through the WebAssembly package, with the same
// expectations as the CLI (run_cli.mjs): an input error is a thrown SharePolicyError with the
// expected code and pointer; an evaluated call returns the vendor's answer; nothing else escapes.
// Run: node --test tests/hostile/run_package.test.mjs  (skips until dist/share-policy/ is built)
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import assert from "node:assert/strict";
import { test } from "node:test";
import { cases, materialize, mismatch } from "./catalog.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "../..");
const entry = process.env.SHAREPOLICY_PACKAGE
  ? join(process.env.SHAREPOLICY_PACKAGE, "index.js")
  : join(root, "dist/share-policy/index.js");
const built = existsSync(entry);
const skip = built ? false : `the WebAssembly package is not built yet (${entry} is missing; run scripts/build-wasm)`;

let sp;
let SharePolicyError;
async function policy() {
  if (!sp) {
    const pkg = await import(pathToFileURL(entry).href);
    SharePolicyError = pkg.SharePolicyError;
    sp = await pkg.createSharePolicy();
  }
  return sp;
}

for (const c of cases) {
  test(`hostile: ${c.name}`, { skip, timeout: 120000 }, async () => {
    const p = await policy();
    const state = materialize(c.state);
    const request = materialize(c.request);
    const call = c.entry === "resolveReassign" ? () => p.resolveReassign(state, request) : () => p.canShare(state, request);
    if (c.expect.code) {
      let thrown = null;
      let result;
      try {
        result = call();
      } catch (e) {
        thrown = e;
      }
      if (!thrown) assert.fail(`expected ${c.expect.code}, got a result: ${String(JSON.stringify(result)).slice(0, 300)}`);
      assert.ok(thrown instanceof SharePolicyError, `not a SharePolicyError: ${thrown && thrown.stack}`);
      assert.equal(mismatch(c.expect, thrown), null);
    } else {
      c.expect.result(call(), assert);
    }
  });
}
