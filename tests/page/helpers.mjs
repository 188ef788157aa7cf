// Shared set-up for the page tests: the assembled site (scripts/serve --build-only), a static
// server on a free port, and Debian's Chromium driven by playwright-core.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startStaticServer } from "../../scripts/serve-static.mjs";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SITE = path.join(ROOT, "build-web/site");
export const ARTIFACTS = path.join(ROOT, "artifacts/page");
export const WORK = path.join(ROOT, "build-web/page-tests");

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

export async function startSite() {
  if (!fs.existsSync(path.join(SITE, "index.html")) || !fs.existsSync(path.join(SITE, "share-policy/index.js"))) {
    throw new Error("build-web/site is not assembled: run scripts/serve --build-only (scripts/test-page does)");
  }
  const server = await startStaticServer(SITE, { port: 0 });
  return { server, base: `http://127.0.0.1:${server.address().port}` };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

// The static site and one Chromium for a test file: `before(async () => ({ site, browser } =
// await startSiteAndBrowser()))` and `after(() => stopSiteAndBrowser({ site, browser }))`.
export async function startSiteAndBrowser() {
  const site = await startSite();
  return { site, browser: await launchBrowser() };
}

export async function stopSiteAndBrowser({ site, browser }) {
  await browser?.close();
  site?.server.close();
}

// Opens the page with a sample loaded; collects page errors and requests that leave the origin.
export async function openPage(browser, base, { sample = "combined", viewport = DESKTOP } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  page.problems = [];
  page.on("pageerror", (e) => page.problems.push(`pageerror: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && page.problems.push(`console: ${m.text()}`));
  page.on("request", (r) => {
    if (!r.url().startsWith(base) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) page.problems.push(`left the origin: ${r.url()}`);
  });
  await page.goto(`${base}/?sample=${sample}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 30000 });
  await waitPreview(page);
  return page;
}

// Waits until the preview answers the latest request.
export async function waitPreview(page, timeout = 15000) {
  await page.waitForFunction(() => {
    const s = document.querySelector("#preview").dataset.state;
    return s === "ready" || s === "input-error";
  }, null, { timeout });
}

export async function choose(page, operation) {
  const system = operation.split(".")[0];
  if ((await page.inputValue("#system")) !== system) await page.selectOption("#system", system);
  if ((await page.inputValue("#operation")) !== operation) await page.selectOption("#operation", operation);
}

export async function fillForm(page, operation, actor, fields) {
  await choose(page, operation);
  await page.fill("#actor", actor ?? "");
  for (const [key, value] of Object.entries(fields)) {
    const sel = `#f-${key}`;
    const tag = await page.$eval(sel, (n) => n.tagName);
    if (tag === "SELECT") await page.selectOption(sel, value);
    else await page.fill(sel, value);
  }
  await waitPreview(page);
}

export async function fillRawCli(page, operation, actor, line) {
  await choose(page, operation);
  await page.fill("#actor", actor);
  await page.fill("#raw-cli", line);
  await waitPreview(page);
}

export async function fillRawHttp(page, operation, actor, { method, path: p, body }) {
  await choose(page, operation);
  await page.fill("#actor", actor ?? "");
  await page.selectOption("#raw-method", method);
  await page.fill("#raw-path", p);
  await page.fill("#raw-body", body ?? "");
  await waitPreview(page);
}

export async function wire(page) {
  return page.evaluate(() => ({
    status: document.querySelector("#wire-status").textContent,
    body: document.querySelector("#wire-body").textContent,
    verdict: document.querySelector("#verdict-word")?.textContent ?? "",
    state: document.querySelector("#preview").dataset.state,
  }));
}

export function screenshotPath(name) {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  return path.join(ARTIFACTS, name);
}

export function workFile(name, content) {
  fs.mkdirSync(WORK, { recursive: true });
  const file = path.join(WORK, name);
  if (content !== undefined) fs.writeFileSync(file, content);
  return file;
}

export function readSample(name) {
  return JSON.parse(fs.readFileSync(path.join(ROOT, "web/samples", `${name}.json`), "utf8"));
}
