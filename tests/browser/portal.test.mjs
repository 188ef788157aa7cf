// The package in a browser: a tiny admin portal (tests/browser/portal/) imports it by name, is
// bundled by esbuild with no configuration, served from 127.0.0.1 and loaded in Chromium; the page
// previews a request itself and has a Web Worker (also using the package) preview another.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { after, before, describe, test } from "node:test";

import * as esbuild from "esbuild";
import { chromium } from "playwright-core";

import { serveStatic } from "./portal-server.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, "..", "..");
const packageDir = resolve(process.env.SHAREPOLICY_PACKAGE_DIR ?? join(repoRoot, "dist", "share-policy"));
const chromiumPath = process.env.SHAREPOLICY_CHROMIUM ?? "/usr/bin/chromium";

let work;
let server;
let browser;
let page;
const pageErrors = [];
let bundleWarnings = [];

before(async () => {
  assert.ok(existsSync(join(packageDir, "share-policy-wasm.js")), `the package is not staged in ${packageDir}: run scripts/build-wasm`);
  // The portal's own project: its sources and the package in node_modules, as after `npm install`.
  work = mkdtempSync(join(tmpdir(), "sp-portal-"));
  cpSync(join(here, "portal"), join(work, "src"), { recursive: true });
  mkdirSync(join(work, "node_modules"));
  cpSync(packageDir, join(work, "node_modules", "share-policy"), { recursive: true });
  const out = join(work, "out");
  // No configuration beyond entry points and bundling: the defaults (browser platform, iife).
  const built = await esbuild.build({
    absWorkingDir: work,
    entryPoints: ["src/portal.js", "src/worker.js"],
    bundle: true,
    outdir: "out",
    logLevel: "silent",
  });
  bundleWarnings = built.warnings;
  cpSync(join(work, "src", "index.html"), join(out, "index.html"));
  server = await serveStatic({ "/": out, "/samples/": join(repoRoot, "web", "samples") });
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync"],
  });
  page = await browser.newPage();
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
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

  test("no errors on the page", () => assert.deepEqual(pageErrors, []));
});
