// What users install: `npm pack` the staged package, install the tarball into an empty folder
// (offline: the package has no dependencies), import it by name from plain `node` (no flags), and
// run every JS and TypeScript sample of the README as written (the TypeScript one compiled with
// tsc --strict first), checking their output against the samples' comments.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";

import { packageDir, repoRoot, requirePackage, samplesDir } from "./helpers.mjs";

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
  assert.deepEqual(tarball.files, ["README.md", "errors.d.ts", "errors.js", "index.d.ts", "index.js", "package.json",
    "protocol.d.ts", "protocol.js", "remote.d.ts", "remote.js", "share-policy-core.js", "share-policy-wasm.js",
    "worker.d.ts", "worker.js"]);
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

function readmeBlocks(language) {
  const readme = readFileSync(join(app, "node_modules", "share-policy", "README.md"), "utf8");
  return [...readme.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

// What the sample's console.log lines say they print (the comment at the end of each).
function expectedOutput(code) {
  const expected = code
    .split("\n")
    .filter((line) => line.includes("console.log("))
    .map((line) => /\/\/ (.*)$/.exec(line)?.[1]);
  assert.ok(expected.length > 0 && expected.every(Boolean), "every console.log in the sample says what it prints");
  return expected;
}

test("every JS sample in the README runs as written and prints what its comments say", () => {
  const blocks = readmeBlocks("js");
  assert.ok(blocks.length > 0, "the README has a ```js block");
  blocks.forEach((code, i) => {
    writeFileSync(join(app, `readme-sample-${i}.mjs`), code);
    const out = run(process.execPath, [`readme-sample-${i}.mjs`], { cwd: app });
    assert.deepEqual(out.trimEnd().split("\n"), expectedOutput(code));
  });
});

test("every TypeScript sample in the README compiles under strict, runs and prints what its comments say", () => {
  const blocks = readmeBlocks("ts");
  assert.ok(blocks.length > 0, "the README has a ```ts block");
  blocks.forEach((code, i) => {
    const dir = join(app, `ts-${i}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "sample.ts"), code);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: { strict: true, target: "es2022", module: "nodenext", moduleResolution: "nodenext",
        lib: ["es2022", "dom", "esnext.disposable"], types: [], skipLibCheck: false, outDir: "out" },
      files: ["sample.ts"],
    }));
    run(join(repoRoot, "node_modules", ".bin", "tsc"), ["-p", dir]);
    const out = run(process.execPath, [join(dir, "out", "sample.js")], { cwd: app });
    assert.deepEqual(out.trimEnd().split("\n"), expectedOutput(code));
  });
});

test("the README's size figures are this build's", () => {
  const readme = readFileSync(join(app, "node_modules", "share-policy", "README.md"), "utf8");
  const figures = /<!-- size -->about (\d+) KB raw and (\d+) KB gzip<!-- \/size -->/.exec(readme);
  assert.ok(figures, "the README states the download size");
  // Measured as scripts/wasm-size measures it (gzip -9 of what a portal downloads): zlib's level 9
  // in Node compresses the same bytes about 1 KB smaller, enough to cross a rounding boundary.
  const sized = spawnSync(join(repoRoot, "scripts", "wasm-size"), [packageDir], { encoding: "utf8" });
  const total = /^total\s+(\d+) bytes raw\s+(\d+) bytes gzip/m.exec(sized.stdout);
  assert.ok(total, `scripts/wasm-size printed a total: ${sized.stdout}${sized.stderr}`);
  const [raw, gzip] = [Number(total[1]), Number(total[2])];
  assert.ok(Math.abs(Number(figures[1]) - raw / 1000) <= 1, `${figures[1]} KB raw, measured ${raw} bytes`);
  assert.ok(Math.abs(Number(figures[2]) - gzip / 1000) <= 1, `${figures[2]} KB gzip, measured ${gzip} bytes`);
});

test("package.json: license, engines for require(esm), an ES module", () => {
  const manifest = JSON.parse(readFileSync(join(app, "node_modules", "share-policy", "package.json"), "utf8"));
  assert.equal(typeof manifest.license, "string");
  assert.equal(manifest.engines.node, ">=20.19");
  assert.equal(manifest.type, "module");
});
