// The package formats with its own snprintf (wasm/small_snprintf.cpp: musl's printf_core cost
// about 3 KB gzip), for nlohmann/json's two callers: a character escaped as \uXXXX where it
// writes a string, and <U+XXXX> in a lexer error message. Both must read exactly as the native
// build (glibc) writes them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { cliPath, importPackage, repoRoot, samplesDir } from "./helpers.mjs";

const { createSharePolicy } = await importPackage();
const sp = await createSharePolicy();
const controls = ["\u0001", "\u001f", "\u000b", "\u007f"];

test("package: a raw control character in a request fails with the native build's message, <U+XXXX> and all", () => {
  assert.ok(existsSync(cliPath), `the native CLI is not built at ${cliPath}`);
  const dir = mkdtempSync(join(tmpdir(), "sp-snprintf-"));
  const state = join(samplesDir, "hmp.json");
  for (const c of controls) {
    const request = `{"actor":"admin","cli":"shareRecordingWithUser creator OWN ${c}x"}`;
    writeFileSync(join(dir, "request.json"), request);
    const native = spawnSync(cliPath, ["check", state, join(dir, "request.json")], { encoding: "utf8" });
    let thrown = null;
    try {
      sp.canShare(readFileSync(state, "utf8"), request);
    } catch (e) {
      thrown = e;
    }
    if (native.status === 0) {
      assert.equal(thrown, null, `U+${c.charCodeAt(0).toString(16)}: native accepted it`);
      continue;
    }
    const expected = JSON.parse(native.stderr);
    assert.equal(thrown?.code, expected.code);
    assert.equal(thrown.message, expected.message);
    if (c < " ") assert.match(thrown.message, new RegExp(`<U\\+00${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}>`));
  }
});

test("package: a control character in non-ASCII text is written as nlohmann writes it (\\u00xx, lower case)", () => {
  const scenario = JSON.parse(readFileSync(join(repoRoot, "tests/page/scenarios/expect-empty-response.json"), "utf8"));
  const expected = `caf\u00e9 ${controls.join("")} \u2026`;
  const text = JSON.stringify(scenario).replace('"expect":', `"expect":{"response":${JSON.stringify(expected)}},"unused":`);
  const outcomes = sp.runScenario(text);
  assert.equal(outcomes[0].mismatches[0], `response: expected "caf\u00e9 \\u0001\\u001f\\u000b\u007f \u2026", got {"line":"OK"}`);
});
