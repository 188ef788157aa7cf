// The package in a browser: a tiny admin portal (tests/browser/portal/) imports it by name, is
// bundled by esbuild with no configuration, served from 127.0.0.1 under a strict
// Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval': no eval, no new Function) and
// loaded in Chromium; the page previews a request itself and has a Web Worker (also using the
// package) preview another. A second page runs a copy of the package whose memory may grow only to
// 64 MiB out of memory (tests/js/small-memory.mjs).
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";

import * as esbuild from "esbuild";
import { chromium } from "playwright-core";

import { checkOutOfMemoryOutcome, stageSmallMemoryPackage } from "../js/small-memory.mjs";
import { serveStatic } from "./portal-server.mjs";

// What a security-minded portal allows: its own scripts, and compiling WebAssembly.
const strictCsp = "script-src 'self' 'wasm-unsafe-eval'";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");
const packageDir = resolve(process.env.SHAREPOLICY_PACKAGE_DIR ?? join(repoRoot, "dist", "share-policy"));
const chromiumPath = process.env.SHAREPOLICY_CHROMIUM ?? "/usr/bin/chromium";

let work;
let server;
let browser;
let page;
const pageErrors = [];
const consoleLines = [];
let bundleWarnings = [];

before(async () => {
  assert.ok(existsSync(join(packageDir, "share-policy-wasm.js")), `the package is not staged in ${packageDir}: run scripts/build-wasm`);
  // The portal's own project: its sources and the package in node_modules, as after `npm install`.
  work = mkdtempSync(join(tmpdir(), "sp-portal-"));
  cpSync(join(here, "portal"), join(work, "src"), { recursive: true });
  // The out-of-memory page runs the same steps as the Node child (tests/js/out-of-memory-steps.mjs).
  cpSync(join(here, "..", "js", "out-of-memory-steps.mjs"), join(work, "src", "out-of-memory-steps.mjs"));
  mkdirSync(join(work, "node_modules"));
  cpSync(packageDir, join(work, "node_modules", "share-policy"), { recursive: true });
  stageSmallMemoryPackage(packageDir, join(work, "node_modules", "share-policy-small-memory"), 64 * 1024 * 1024);
  const out = join(work, "out");
  // No configuration beyond entry points and bundling: the defaults (browser platform, iife).
  const built = await esbuild.build({
    absWorkingDir: work,
    entryPoints: ["src/portal.js", "src/worker.js", "src/out-of-memory.js"],
    bundle: true,
    outdir: "out",
    logLevel: "silent",
  });
  bundleWarnings = built.warnings;
  // The README's worker helper blocks, as written: an ES module page and a module worker.
  const readme = readFileSync(join(packageDir, "README.md"), "utf8");
  const [workerBlock, uiBlock] = [...readme.matchAll(/```javascript\n([\s\S]*?)```/g)].map((m) => m[1]);
  writeFileSync(join(work, "src", "sp-worker.js"), workerBlock);
  writeFileSync(join(work, "src", "readme-ui.js"), uiBlock);
  const remoteBuild = await esbuild.build({
    absWorkingDir: work,
    entryPoints: ["src/sp-worker.js", "src/readme-ui.js"],
    bundle: true,
    format: "esm",
    outdir: "out",
    logLevel: "silent",
  });
  bundleWarnings = [...bundleWarnings, ...remoteBuild.warnings];
  writeFileSync(join(out, "remote.html"),
    '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="readme-ui.js"></script>');
  cpSync(join(work, "src", "index.html"), join(out, "index.html"));
  cpSync(join(work, "src", "out-of-memory.html"), join(out, "out-of-memory.html"));
  server = await serveStatic({ "/": out, "/samples/": join(repoRoot, "web", "samples") },
    { headers: { "content-security-policy": strictCsp } });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
  page.on("console", (m) => consoleLines.push(m.text()));
  await page.goto(server.url);
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function outputOf(id) {
  await page.waitForFunction((el) => document.getElementById(el).textContent.startsWith("{"), id, { timeout: 30000 });
  return JSON.parse(await page.textContent(`#${id}`));
}

describe("admin portal bundled with esbuild, in Chromium", () => {
  test("esbuild bundles the package with no warnings and no Node built-ins", () => {
    assert.deepEqual(bundleWarnings.map((w) => w.text), []);
    const bundle = readFileSync(join(work, "out", "portal.js"), "utf8");
    assert.ok(!/\brequire\(["'](fs|path|crypto|module|url)["']\)/.test(bundle), "the bundle requires a Node built-in");
  });

  test("the page previews a request", async () => {
    const { result, error, failure } = await outputOf("page-result");
    assert.equal(failure, undefined);
    assert.equal(result.operation, "hmp.shareRecordingWithUser");
    assert.equal(result.ok, true);
    assert.deepEqual(result.response, { line: "OK" });
    assert.deepEqual(error, { isSharePolicyError: true, code: "REQUEST_INVALID", pointer: "/actor" });
  });

  test("a Web Worker previews a request with a loaded state", async () => {
    const { result, summary, failure } = await outputOf("worker-result");
    assert.equal(failure, undefined);
    assert.equal(result.operation, "ocm.editShareRole");
    assert.equal(typeof result.ok, "boolean");
    assert.equal(summary.ocm.users, 4);
  });

  test("the page ran under the strict Content-Security-Policy", async () => {
    const response = await page.request.get(server.url);
    assert.equal(response.headers()["content-security-policy"], strictCsp);
    // Chromium reports a refused eval as a console error (checked in "no errors on the page").
  });

  test("no errors on the page", () => assert.deepEqual(pageErrors, []));
});

describe("the README's worker helper, in Chromium under the strict policy", () => {
  test("the UI thread calls the worker's instance with promises; errors are SharePolicyError", async () => {
    const readme = readFileSync(join(packageDir, "README.md"), "utf8");
    const uiBlock = [...readme.matchAll(/```javascript\n([\s\S]*?)```/g)][1][1];
    const expected = uiBlock.split("\n").filter((l) => l.includes("console.log(")).map((l) => /\/\/ (.*)$/.exec(l)[1]);
    const remotePage = await browser.newPage();
    const lines = [];
    const errors = [];
    remotePage.on("console", (m) => (m.type() === "error" ? errors : lines).push(m.text()));
    remotePage.on("pageerror", (e) => errors.push(String(e)));
    await remotePage.goto(new URL("remote.html", server.url).href);
    for (let i = 0; i < 300 && lines.length < expected.length && errors.length === 0; i++) await remotePage.waitForTimeout(100);
    await remotePage.close();
    assert.deepEqual(errors, []);
    assert.deepEqual(lines, expected);
  });
});

describe("out of WebAssembly memory in Chromium (a 64 MiB maximum)", () => {
  test("one LIMIT_EXCEEDED, nothing printed, the instance and its neighbours keep working", async () => {
    const before = consoleLines.length;
    const oomPage = await browser.newPage();
    const errors = [];
    oomPage.on("pageerror", (e) => errors.push(String(e)));
    oomPage.on("console", (m) => errors.push(`console.${m.type()}: ${m.text()}`));
    await oomPage.goto(new URL("out-of-memory.html", server.url).href);
    await oomPage.waitForFunction(() => document.getElementById("outcome").textContent.startsWith("{"), null, { timeout: 60000 });
    const { failure, ...outcome } = JSON.parse(await oomPage.textContent("#outcome"));
    await oomPage.close();
    assert.equal(failure, undefined);
    assert.deepEqual(errors, [], "nothing printed");
    assert.equal(consoleLines.length, before);
    checkOutOfMemoryOutcome(outcome);
  });
});
