// A large state (scripts/gen-state.mjs --size M: 10k users, 100k recordings, 500k shares, 200k
// Webex recordings, 20k OCM folders) loads with visible progress while the page stays responsive,
// and previews on it answer in well under 100 ms.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { startSiteAndBrowser, stopSiteAndBrowser, openPage, waitPreview, workFile, screenshotPath, ROOT, PHONE } from "./helpers.mjs";

let site;
let browser;
let file;
let picks;
before(async () => {
  file = workFile("state-M.json");
  if (!fs.existsSync(file)) {
    execFileSync("node", [path.join(ROOT, "scripts/gen-state.mjs"), "--size", "M", "--out", file], { stdio: ["ignore", "ignore", "inherit"] });
  }
  const state = JSON.parse(fs.readFileSync(file, "utf8"));
  const adminRoles = new Set(state.hmp.roles.filter((r) => r.administrator).map((r) => r.name));
  const admin = state.hmp.users.find((u) => u.roles.some((r) => adminRoles.has(r)));
  picks = {
    admin: admin.username,
    users: state.hmp.users.filter((u) => u.roles.length).slice(100, 120).map((u) => u.username),
    recordings: state.hmp.recordings.filter((_, i) => i % 5000 === 7).map((r) => r.id),
    recordings100k: state.hmp.recordings.length,
    bigOwner: "archive.owner@example.com",
    webexAdmin: "webex.admin@example.com",
  };
  ({ site, browser } = await startSiteAndBrowser());
});
after(() => stopSiteAndBrowser({ site, browser }));

test("a 100k-recording, 500k-share state loads with progress, the page stays responsive, previews are fast", { timeout: 240000 }, async () => {
  const page = await openPage(browser, site.base, { sample: "hmp" });
  // Watch the main thread: the longest gap between two timer ticks while loading, and the
  // progress stages shown.
  await page.evaluate(() => {
    window.__gaps = { max: 0, last: performance.now(), stages: new Set() };
    window.__tick = setInterval(() => {
      const now = performance.now();
      window.__gaps.max = Math.max(window.__gaps.max, now - window.__gaps.last);
      window.__gaps.last = now;
      const box = document.querySelector("#load-progress-box");
      if (!box.hidden) window.__gaps.stages.add(document.querySelector("#load-stage").dataset.stage);
    }, 20);
  });
  const t0 = Date.now();
  await page.setInputFiles("#state-file", file);
  await page.waitForSelector("#load-progress-box:not([hidden])", { timeout: 20000 });
  await page.screenshot({ path: screenshotPath("large-loading-desktop.png") });
  // While the worker loads, the page still answers: open and close the paste box.
  await page.click("#paste-box summary");
  await page.click("#paste-box summary");
  await page.waitForFunction(() => document.querySelector("#summary-head")?.textContent.includes("state-M.json"), null, { timeout: 180000 });
  const loadSeconds = (Date.now() - t0) / 1000;
  await waitPreview(page, 60000);
  const watch = await page.evaluate(() => {
    clearInterval(window.__tick);
    return { max: window.__gaps.max, stages: [...window.__gaps.stages] };
  });
  const summary = await page.textContent("#summary-table");
  assert.match(summary, /100,000 recordings/);
  assert.match(summary, /10,000 users/);
  console.log(`# large state: loaded in ${loadSeconds.toFixed(1)} s; stages ${watch.stages.join(", ")}; longest main-thread gap ${Math.round(watch.max)} ms`);
  assert.ok(watch.stages.includes("engine"), "the engine stage was shown");
  assert.ok(watch.max < 1500, `the page stayed responsive (longest gap ${Math.round(watch.max)} ms)`);

  await page.selectOption("#system", "hmp");
  await page.selectOption("#operation", "hmp.shareRecordingWithUser");
  await page.fill("#actor", picks.admin);
  // A few previews first: the worker's heap settles after a large load (garbage collection).
  for (let i = 0; i < 5; i++) {
    await page.fill("#raw-cli", `shareRecordingWithUser ${picks.users[i]} WATCH ${picks.recordings[i]}`);
    await waitPreview(page);
  }
  const times = [];
  const evals = [];
  for (let i = 0; i < picks.recordings.length; i++) {
    await page.fill("#raw-cli", `shareRecordingWithUser ${picks.users[i % picks.users.length]} EDIT ${picks.recordings[i]}`);
    await waitPreview(page);
    const text = await page.textContent("#wire-body");
    assert.equal(text, "OK");
    times.push(Number(await page.getAttribute("#preview", "data-ms")));
    evals.push(Number(await page.getAttribute("#preview", "data-eval-ms")));
  }
  evals.sort((a, b) => a - b);
  console.log(`# engine evaluation in the worker: median ${evals[evals.length >> 1]} ms, max ${evals[evals.length - 1]} ms`);
  console.log(`# preview times in order: ${times.join(", ")}`);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`# large state: ${times.length} previews, median ${median} ms, max ${times[times.length - 1]} ms (request → rendered)`);
  // The median: single previews can be delayed by a busy machine (other processes, the
  // worker's garbage collector after a 140 MB load); the typical answer must stay well under 100 ms.
  assert.ok(median < 60, `median preview ${median} ms (request → rendered)`);
  assert.ok(evals[evals.length >> 1] < 20, `median engine evaluation ${evals[evals.length >> 1]} ms`);

  // Apply on the large state, then undo and redo (undo steps are clone() handles: undo and redo
  // swap handles; an apply copies the 256-element chunks it changes while an undo step shares them).
  let t = Date.now();
  await page.click("#apply");
  await page.waitForFunction(() => !document.querySelector("#undo").disabled, null, { timeout: 60000 });
  const applyMs = Date.now() - t;
  t = Date.now();
  await page.click("#undo");
  await page.waitForFunction(() => document.querySelector("#undo").disabled && !document.querySelector("#redo").disabled, null, { timeout: 120000 });
  const undoMs = Date.now() - t;
  t = Date.now();
  await page.click("#redo");
  await page.waitForFunction(() => !document.querySelector("#undo").disabled && document.querySelector("#redo").disabled, null, { timeout: 120000 });
  console.log(`# large state: apply ${applyMs} ms, undo ${undoMs} ms, redo ${Date.now() - t} ms (click → history updated)`);
  assert.equal(await page.isHidden("#load-progress-box"), true, "no loading message after undo and redo");
  await page.screenshot({ path: screenshotPath("large-loaded-desktop.png") });

  // A Webex reassign-all of the archive owner's recordings: previewed on the loaded state, and the
  // changes CSV holds every change (issue 14, item 1), built in the worker.
  await page.selectOption("#system", "webex");
  await page.fill("#actor", picks.webexAdmin);
  await page.fill("#raw-path", "/v1/convergedRecordings/reassign");
  t = Date.now();
  await page.fill("#raw-body", JSON.stringify({ ownerEmail: picks.bigOwner, reassignOwnerEmail: picks.webexAdmin }));
  await waitPreview(page, 60000);
  console.log(`# large state: Webex reassign-all preview ${Date.now() - t} ms (request → rendered)`);
  const caption = await page.textContent("#changes-table caption");
  const total = Number(caption.replace(/[^0-9]/g, ""));
  assert.ok(total > 1000, caption);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('button[data-csv="changes-table"]')]);
  const lines = fs.readFileSync(await download.path(), "utf8").trimEnd().split("\r\n").length;
  assert.equal(lines, total + 1, "the CSV holds a header and every change");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
