// One load of a state file in the page, in Chromium (issue 12, item 3: L in the page with
// progress): the file is opened as a user opens it (the file input), the worker streams it into the
// engine (loadStream), and this records the time to the summary, the progress values the bar
// showed and the longest main-thread gap. Needs the assembled site (scripts/serve --build-only).
// Run by scripts/bench-xl; not a test.
//
//   node bench/page-load.mjs --state FILE [--json OUT]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startSite, launchBrowser, openPage } from "../tests/page/helpers.mjs";

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), [])
);
if (!args.state) {
  console.error("usage: node bench/page-load.mjs --state FILE [--json OUT]");
  process.exit(2);
}
const name = path.basename(args.state);
const textBytes = fs.statSync(args.state).size;
const site = await startSite();
const browser = await launchBrowser();
const out = { date: new Date().toISOString(), file: name, textBytes, loadavg: os.loadavg().map((x) => Number(x.toFixed(2))) };
try {
  const page = await openPage(browser, site.base, { sample: "hmp" });
  await page.evaluate(() => {
    window.__watch = { fractions: [], stages: new Set(), gap: 0, last: performance.now() };
    const bar = document.querySelector("#load-progress");
    new MutationObserver(() => {
      if (bar.hasAttribute("value")) window.__watch.fractions.push([performance.now(), Number(bar.value)]);
    }).observe(bar, { attributes: true, attributeFilter: ["value"] });
    window.__tick = setInterval(() => {
      const now = performance.now();
      window.__watch.gap = Math.max(window.__watch.gap, now - window.__watch.last);
      window.__watch.last = now;
      const stage = document.querySelector("#load-stage").dataset.stage;
      if (stage) window.__watch.stages.add(stage);
    }, 20);
  });
  const t0 = Date.now();
  await page.setInputFiles("#state-file", args.state);
  await page.waitForFunction(
    (file) => document.querySelector("#summary-head")?.textContent.includes(file) || document.querySelector("#load").dataset.result === "error",
    name,
    { timeout: 30 * 60 * 1000, polling: 500 }
  );
  out.loadSeconds = (Date.now() - t0) / 1000;
  const watch = await page.evaluate(() => {
    clearInterval(window.__tick);
    return { fractions: window.__watch.fractions, stages: [...window.__watch.stages], gap: window.__watch.gap };
  });
  out.result = await page.getAttribute("#load", "data-result");
  if (out.result === "error") out.error = await page.textContent("#load-error");
  out.summary = (await page.textContent("#summary-table"))?.replace(/\s+/g, " ").trim().slice(0, 400);
  out.progressValues = watch.fractions.length;
  out.progressFirstLast = [watch.fractions[0]?.[1], watch.fractions.at(-1)?.[1]];
  // When the bar reached its end: the rest is reading the names for the pickers and the summary.
  out.streamedSeconds = watch.fractions.length ? (watch.fractions.at(-1)[0] - watch.fractions[0][0]) / 1000 : null;
  out.stages = watch.stages;
  out.longestMainThreadGapMs = Math.round(watch.gap);
  out.problems = page.problems;
} finally {
  await browser.close();
  site.server.close();
}
console.log(
  `${name}: ${(textBytes / 2 ** 20).toFixed(0)} MiB in the page: ${out.result} in ${out.loadSeconds?.toFixed(1)} s ` +
    `(${out.progressValues} progress values ${out.progressFirstLast?.map((f) => f?.toFixed(3)).join(" → ")}, streamed in ${out.streamedSeconds?.toFixed(1)} s; ` +
    `stages ${out.stages?.join(", ")}; longest main-thread gap ${out.longestMainThreadGapMs} ms)`
);
if (out.error) console.log(`  ${out.error}`);
if (args.json) fs.writeFileSync(args.json, JSON.stringify(out, null, 2) + "\n");
process.exitCode = out.result === "loaded" ? 0 : 1;
