#!/usr/bin/env node
// The golden fixtures through the native CLI: `check` for canShare and reassignments, `apply`
// for applyShare. Usage: run_fixtures.mjs SHARE_POLICY_BINARY FIXTURES_DIR
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { isDeepStrictEqual } from "node:util";

const [binary, fixturesDir] = process.argv.slice(2);
const repoRoot = resolve(fixturesDir, "..", "..");
const work = mkdtempSync(join(tmpdir(), "sp-fixtures-"));
let passed = 0;
let failed = 0;

function mismatches(got, expect) {
  return Object.keys(expect)
    .filter((k) => !isDeepStrictEqual(got[k], expect[k]))
    .map((k) => `${k}: expected ${JSON.stringify(expect[k])}, got ${JSON.stringify(got[k])}`);
}

for (const name of readdirSync(fixturesDir).filter((f) => f.endsWith(".json")).sort()) {
  const fx = JSON.parse(readFileSync(join(fixturesDir, name), "utf8"));
  // The CLI picks the entry point itself, so it never answers WRONG_ENTRY_POINT.
  if (fx.expectError?.code === "WRONG_ENTRY_POINT") continue;
  const statePath = typeof fx.state === "string" ? join(repoRoot, fx.state) : join(work, `${name}.state.json`);
  if (typeof fx.state !== "string") writeFileSync(statePath, JSON.stringify(fx.state));
  const requestPath = join(work, `${name}.request.json`);
  writeFileSync(requestPath, JSON.stringify(fx.request));
  const command = fx.entry === "applyShare" ? "apply" : "check";
  const run = spawnSync(binary, [command, statePath, requestPath], { encoding: "utf8" });
  let problems = [];
  if (fx.expectError) {
    if (run.status !== 2) problems.push(`exit ${run.status}, expected 2`);
    const lines = run.stderr.split("\n").filter(Boolean);
    if (lines.length !== 1) problems.push(`stderr has ${lines.length} lines, expected one JSON line`);
    else problems.push(...mismatches(JSON.parse(lines[0]), fx.expectError));
    if (run.stdout !== "") problems.push("stdout is not empty on an input error");
  } else {
    if (run.status !== 0) problems.push(`exit ${run.status}: ${run.stderr}`);
    else problems.push(...mismatches(JSON.parse(run.stdout), fx.expect));
  }
  if (problems.length === 0) {
    passed++;
  } else {
    failed++;
    console.log(`FAIL ${name}\n  ${problems.join("\n  ")}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
