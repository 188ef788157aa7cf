// Opening a file streams it into the engine in the worker (the package's loadStream, issue 12):
// the progress bar moves through the engine stage as the bytes are read, and the state loads.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { openPage, waitPreview, workFile, ROOT, startSiteAndBrowser, stopSiteAndBrowser } from "./helpers.mjs";

let site;
let browser;
let file;
before(async () => {
  file = workFile("state-S.json");
  if (!fs.existsSync(file)) {
    execFileSync("node", [path.join(ROOT, "scripts/gen-state.mjs"), "--size", "S", "--out", file], { stdio: ["ignore", "ignore", "inherit"] });
  }
  ({ site, browser } = await startSiteAndBrowser());
});
after(() => stopSiteAndBrowser({ site, browser }));

test("an opened file loads through loadStream with a progress bar that moves", { timeout: 120000 }, async () => {
  const page = await openPage(browser, site.base, { sample: "hmp" });
  // Every value the progress bar shows during the engine stage.
  await page.evaluate(() => {
    window.__fractions = [];
    const bar = document.querySelector("#load-progress");
    new MutationObserver(() => {
      const stage = document.querySelector("#load-stage").dataset.stage;
      if (stage === "engine" && bar.hasAttribute("value")) window.__fractions.push(Number(bar.value));
    }).observe(bar, { attributes: true, attributeFilter: ["value"] });
  });
  await page.setInputFiles("#state-file", file);
  await page.waitForFunction(() => document.querySelector("#summary-head")?.textContent.includes("state-S.json"), null, { timeout: 90000 });
  await waitPreview(page, 30000);
  const fractions = await page.evaluate(() => window.__fractions);
  const moving = [...new Set(fractions)].filter((f) => f > 0 && f <= 1);
  assert.ok(moving.length >= 3, `the bar showed the read progress (${fractions.length} values: ${moving.slice(0, 8).join(", ")}…)`);
  for (let i = 1; i < moving.length; ++i) assert.ok(moving[i] > moving[i - 1], "the progress only grows");
  assert.ok(moving.at(-1) > 0.99, `it reached the end (${moving.at(-1)})`);
  const summary = await page.textContent("#summary-table");
  assert.match(summary, /1,000 users/);
  assert.match(summary, /10,000 recordings/);
  assert.equal(await page.getAttribute("#load", "data-result"), "loaded");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
