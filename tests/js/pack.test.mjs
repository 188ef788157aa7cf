// What users install: `npm pack` the staged package, install the tarball into an empty folder
// (offline: the package has no dependencies), import it by name from plain `node` (no flags), and
// run the README's usage sample as written, checking its output against the sample's comments.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { packageDir, requirePackage, samplesDir } from "./helpers.mjs";

let work;
let app;
let tarball;

function run(command, args, options = {}) {
  const env = { ...process.env };
  delete env.NODE_OPTIONS; // plain node: no flags from the test runner
  const result = spawnSync(command, args, { encoding: "utf8", env, ...options });
  assert.equal(result.status, 0, `${command} ${args.join(" ")} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

before(() => {
  requirePackage();
  work = mkdtempSync(join(tmpdir(), "sp-pack-"));
  const packed = JSON.parse(run("npm", ["pack", packageDir, "--pack-destination", work, "--json"], { cwd: work }));
  tarball = { path: join(work, packed[0].filename), files: packed[0].files.map((f) => f.path).sort() };
  app = join(work, "app");
  mkdirSync(app);
  writeFileSync(join(app, "package.json"), JSON.stringify({ name: "portal-smoke", private: true, type: "module" }));
  run("npm", ["install", tarball.path, "--offline", "--no-audit", "--no-fund", "--ignore-scripts"], { cwd: app });
});
after(() => work && rmSync(work, { recursive: true, force: true }));

test("the tarball holds the package files and nothing else", () => {
  assert.deepEqual(tarball.files, ["README.md", "index.d.ts", "index.js", "package.json", "share-policy-core.js", "share-policy-wasm.js"]);
});

test("plain node imports the installed package by name and previews a request", () => {
  writeFileSync(
    join(app, "preview.mjs"),
    `import { readFileSync } from "node:fs";
import { createSharePolicy } from "share-policy";
const sp = await createSharePolicy();
const state = readFileSync(process.argv[2], "utf8");
const result = sp.canShare(state, { actor: "admin", cli: "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141-1e95283469f1" });
console.log(JSON.stringify({ operation: result.operation, ok: result.ok, response: result.response }));
`,
  );
  const out = run(process.execPath, ["preview.mjs", join(samplesDir, "hmp.json")], { cwd: app });
  assert.deepEqual(JSON.parse(out), { operation: "hmp.shareRecordingWithUser", ok: true, response: { line: "OK" } });
});

test("the README's usage sample runs as written and prints what its comments say", () => {
  const readme = readFileSync(join(app, "node_modules", "share-policy", "README.md"), "utf8");
  const block = /```js\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, "the README has a ```js block");
  const code = block[1];
  const expected = code
    .split("\n")
    .filter((line) => line.includes("console.log("))
    .map((line) => /\/\/ (.*)$/.exec(line)?.[1]);
  assert.ok(expected.length > 0 && expected.every(Boolean), "every console.log in the sample says what it prints");
  writeFileSync(join(app, "readme-sample.mjs"), code);
  const out = run(process.execPath, ["readme-sample.mjs"], { cwd: app });
  assert.deepEqual(out.trimEnd().split("\n"), expected);
});
