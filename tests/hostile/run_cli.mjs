#!/usr/bin/env node
// The hostile-input catalog (catalog.mjs) through the native CLI: `share-policy check STATE REQUEST`.
// Each case is bounded in time and must end with exit 2 and one JSON line on stderr holding the
// expected code and pointer, or exit 0 with the vendor's answer — never a signal, a timeout or exit 1.
// Usage: run_cli.mjs SHARE_POLICY_BINARY REPO_ROOT [NAME_SUBSTRING]
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import assert from "node:assert/strict";
import { cases, materialize, mismatch } from "./catalog.mjs";

const [binary, , filter] = process.argv.slice(2);
if (!binary) {
  console.error("usage: run_cli.mjs SHARE_POLICY_BINARY REPO_ROOT [NAME_SUBSTRING]");
  process.exit(2);
}
const TIMEOUT_MS = Number(process.env.HOSTILE_TIMEOUT_MS || 60000);
const work = mkdtempSync(join(tmpdir(), "sp-hostile-"));
let passed = 0;
let failed = 0;

function runCase(c) {
  const statePath = join(work, "state.json");
  const requestPath = join(work, "request.json");
  writeFileSync(statePath, materialize(c.state));
  writeFileSync(requestPath, materialize(c.request));
  const started = Date.now();
  const run = spawnSync(binary, ["check", statePath, requestPath], { timeout: TIMEOUT_MS, maxBuffer: 256 * 1024 * 1024 });
  const ms = Date.now() - started;
  if (run.error && run.error.code === "ETIMEDOUT") return `timed out after ${TIMEOUT_MS} ms`;
  if (run.error) return `could not run: ${run.error.message}`;
  if (run.signal) return `killed by ${run.signal}: ${run.stderr.toString().slice(0, 2000)}`;
  const stdout = run.stdout.toString("utf8");
  const stderr = run.stderr.toString("utf8");
  if (c.expect.code) {
    if (run.status !== 2) return `exit ${run.status}, expected 2; stderr: ${stderr.slice(0, 500)}; stdout: ${stdout.slice(0, 300)}`;
    if (stdout !== "") return `printed on standard output: ${stdout.slice(0, 300)}`;
    const lines = stderr.split("\n");
    if (!(lines.length === 2 && lines[1] === "")) return `stderr is not one line: ${stderr.slice(0, 500)}`;
    let error;
    try {
      error = JSON.parse(lines[0]);
    } catch (e) {
      return `stderr is not JSON: ${lines[0].slice(0, 300)}`;
    }
    if (Object.keys(error).join(",") !== "code,message,pointer") return `stderr keys ${Object.keys(error)}`;
    return mismatch(c.expect, error) ?? { ms };
  }
  if (run.status !== 0) return `exit ${run.status}, expected 0; stderr: ${stderr.slice(0, 500)}`;
  let result;
  try {
    result = JSON.parse(stdout);
  } catch (e) {
    return `stdout is not JSON: ${stdout.slice(0, 300)}`;
  }
  try {
    c.expect.result(result, assert);
  } catch (e) {
    return `vendor answer: ${e.message}`;
  }
  return { ms };
}

for (const c of cases) {
  if (c.packageOnly) continue;
  if (filter && !c.name.includes(filter)) continue;
  const outcome = runCase(c);
  if (typeof outcome === "string") {
    failed++;
    console.log(`FAIL ${c.name}\n     ${outcome}`);
  } else {
    passed++;
    console.log(`ok   ${c.name} (${outcome.ms} ms)`);
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`hostile-cli: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
