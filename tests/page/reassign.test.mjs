// Issue 12 item 4: a reassign-all of 100 000 recordings in the page. The reassignment table is
// virtualised (a bounded number of rows in the DOM, more read from the worker as it scrolls) and
// its CSV export writes every row.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { openPage, fillForm, waitPreview, workFile, readSample, startSiteAndBrowser, stopSiteAndBrowser } from "./helpers.mjs";

let site;
let browser;
before(async () => ({ site, browser } = await startSiteAndBrowser()));
after(() => stopSiteAndBrowser({ site, browser }));

const OWNER_ID = "P-OWNER-OF-100K";
const COUNT = 100000;

// The Webex sample plus an owner of COUNT recordings; every 50th is purged (skipped, listed last).
function bigOwnerState() {
  const state = readSample("webex");
  state.webex.people.push({ id: OWNER_ID, email: "owner.of.100k@example.com", type: "user", status: "active" });
  for (let i = 0; i < COUNT; i++) {
    const id = `REC-${String(i).padStart(6, "0")}`;
    state.webex.recordings.push({ id, topic: `Recording ${i}`, ownerId: OWNER_ID, status: i % 50 === 7 ? "purged" : "available" });
  }
  return state;
}

test("reassign-all of 100 000 recordings: a bounded table that scrolls to the last row, and a CSV of every row", async () => {
  const page = await openPage(browser, site.base, { sample: "webex" });
  await page.setInputFiles("#state-file", workFile("owner-of-100k.json", JSON.stringify(bigOwnerState())));
  await page.waitForFunction(() => document.querySelector("#summary-head")?.textContent.includes("owner-of-100k.json"), null, { timeout: 60000 });
  await waitPreview(page, 60000);
  await fillForm(page, "webex.reassignRecordings", "admin@example.com", {
    ownerEmail: "owner.of.100k@example.com", ownerID: "", recordingIds: "", reassignOwnerEmail: "brenda.song@example.com",
  });
  await waitPreview(page, 60000);
  assert.match(await page.textContent("#reassign-table caption"), /98000 moved, 2000 skipped/);
  assert.equal(await page.getAttribute("#reassign-scroll", "data-rows"), String(COUNT));
  const domRows = () => page.$$eval("#reassign-table tbody tr:not(.spacer)", (trs) => trs.length);
  assert.ok((await domRows()) <= 100, `rows in the DOM: ${await domRows()}`);
  assert.match(await page.textContent("#reassign-table tbody"), /REC-000000/);

  // Scrolled to the end: the last (skipped) rows arrive from the worker, still a bounded number.
  await page.$eval("#reassign-scroll", (n) => (n.scrollTop = n.scrollHeight));
  await page.waitForFunction(() => document.querySelector("#reassign-table tbody").textContent.includes("REC-099957"), null, { timeout: 30000 });
  assert.match(await page.textContent("#reassign-table tbody"), /skipped: purged/);
  assert.ok((await domRows()) <= 100, `rows in the DOM after scrolling: ${await domRows()}`);
  // And the middle.
  await page.$eval("#reassign-scroll", (n) => (n.scrollTop = n.scrollHeight / 2));
  await page.waitForFunction(
    () => !document.querySelector("#reassign-table tbody tr.pending") && /REC-05\d{4}/.test(document.querySelector("#reassign-table tbody").textContent),
    null,
    { timeout: 30000 }
  );

  const [download] = await Promise.all([page.waitForEvent("download"), page.click('button[data-csv="reassign-table"]')]);
  const lines = fs.readFileSync(await download.path(), "utf8").trimEnd().split("\r\n");
  assert.equal(lines.length, COUNT + 1, "a header and every recording");
  assert.match(lines[1], /^REC-000000,Recording 0,moved,/);
  assert.match(lines[COUNT], /^REC-099957,Recording 99957,skipped,purged,/);
  const [changes] = await Promise.all([page.waitForEvent("download"), page.click('button[data-csv="changes-table"]')]);
  assert.equal(fs.readFileSync(await changes.path(), "utf8").trimEnd().split("\r\n").length, 98000 + 1, "every change");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
