// Issue 14, "Wrong or misleading today", items 1–7: each test failed on the page before its change.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import {
  openPage, fillForm, fillRawCli, wire, waitPreview, workFile, readSample, screenshotPath, DESKTOP, PHONE, startSiteAndBrowser, stopSiteAndBrowser,
} from "./helpers.mjs";

let site;
let browser;
before(async () => ({ site, browser } = await startSiteAndBrowser()));
after(() => stopSiteAndBrowser({ site, browser }));

const RECORDING = "f678f415-0665-48cd-b141-1e95283469f1";
const FOLDER = "F1321DC48E3B123D02DBEE88T0000000000100000001";
const USER_BB = "U7ECC74059E0FEDFEC66BF5AT00000000001";
const OWNER_ID = "Y2lzY29zcGFyazovL3VzL1BFT1BMRS9vd25lci1vZi1tYW55LXJlY29yZGluZ3M";

async function loadState(page, state, name) {
  await page.setInputFiles("#state-file", workFile(name, JSON.stringify(state)));
  await page.waitForFunction((n) => document.querySelector("#summary-head")?.textContent.includes(n), name);
  await waitPreview(page);
}

async function downloadCsv(page, table) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click(`button[data-csv="${table}"]`)]);
  return fs.readFileSync(await download.path(), "utf8");
}

// RFC 4180 lines into cells (the tests' own small reader).
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(cell), (cell = "");
    else if (ch === "\r" && text[i + 1] === "\n") row.push(cell), rows.push(row), (row = []), (cell = ""), i++;
    else cell += ch;
  }
  return rows;
}

// A Webex owner of 1 200 recordings, some of whose topics a spreadsheet would run as formulas.
function manyRecordingsState() {
  const state = readSample("webex");
  state.webex.people.push({ id: OWNER_ID, email: "owner.of.many@example.com", displayName: "Owner of many", type: "user", status: "active" });
  const topics = ['=HYPERLINK("http://evil.example","click")', "+1+2", "-3+4", "@SUM(A1)", "Town hall, part 2"];
  for (let i = 0; i < 1200; i++) {
    state.webex.recordings.push({ id: `REC-${String(i).padStart(5, "0")}`, topic: topics[i] ?? `Recording ${i}`, ownerId: OWNER_ID });
  }
  return state;
}

// The system, operation and sample dropdowns whose chosen label is wider than the dropdown.
function cutDropdowns(page) {
  return page.evaluate(() => {
    const ctx = document.createElement("canvas").getContext("2d");
    return ["#sample", "#system", "#operation"].flatMap((q) => {
      const s = document.querySelector(q);
      const style = getComputedStyle(s);
      ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = s.options[s.selectedIndex].text;
      const need = ctx.measureText(text).width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight) + 24;
      return need > s.clientWidth ? [`${q} "${text}" needs ${Math.round(need)}px, has ${s.clientWidth}px`] : [];
    });
  });
}

test("1. CSV export: every row, from the worker; name and id in their own columns; formula cells neutralised", async () => {
  const page = await openPage(browser, site.base, { sample: "webex" });
  await loadState(page, manyRecordingsState(), "many-recordings.json");
  await fillForm(page, "webex.reassignRecordings", "admin@example.com", {
    ownerEmail: "owner.of.many@example.com", ownerID: "", recordingIds: "", reassignOwnerEmail: "brenda.song@example.com",
  });
  assert.match(await page.textContent("#changes-table caption"), /1,200 changes/);

  const changes = parseCsv(await downloadCsv(page, "changes-table"));
  assert.equal(changes.length, 1201, "a header and every one of the 1 200 changes");
  const header = changes[0];
  const at = (name) => header.indexOf(name);
  for (const name of ["asset id", "asset name", "before", "before name", "after", "after name"]) assert.ok(at(name) >= 0, name);
  const first = changes[1];
  assert.equal(first[at("asset id")], "REC-00000");
  assert.equal(first[at("asset name")], `'=HYPERLINK("http://evil.example","click")`, "a formula cell starts with an apostrophe");
  assert.equal(first[at("before")], OWNER_ID);
  assert.equal(first[at("before name")], "owner.of.many@example.com");
  assert.deepEqual(changes.slice(2, 5).map((r) => r[at("asset name")]), ["'+1+2", "'-3+4", "'@SUM(A1)"]);
  assert.equal(changes[5][at("asset name")], "Town hall, part 2");

  const moves = parseCsv(await downloadCsv(page, "reassign-table"));
  assert.equal(moves.length, 1201, "every moved recording");
  assert.deepEqual(moves[0], ["recording id", "recording topic", "outcome", "reason", "from id", "from email", "to id", "to email"]);
  assert.equal(moves[1200][0], "REC-01199");

  const access = parseCsv(await downloadCsv(page, "access-table"));
  assert.ok(access.some((r) => r.includes("owner.of.many@example.com") && r.includes(OWNER_ID) && r.includes("loses")), access.join("\n"));
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("2. a loss is not a plain success: the verdict names what is lost; the effect says demoted", async () => {
  for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    const page = await openPage(browser, site.base, { sample: "hmp", viewport });
    // The first sample call: creator from Curator to WATCH.
    await fillForm(page, "hmp.shareRecordingWithUser", "admin", { username: "creator", permission: "WATCH", recordingId: RECORDING });
    assert.equal(await page.textContent("#verdict-word"), "Allowed, with a loss");
    assert.match(await page.getAttribute("#verdict", "class"), /verdict-loss/);
    assert.doesNotMatch(await page.getAttribute("#verdict", "class"), /verdict-ok/);
    assert.match(await page.textContent("#verdict-loss"), /creator loses edit, share, trim/);
    const creator = await page.$$eval("#access-table tbody tr", (trs) => trs.map((tr) => tr.textContent).find((t) => t.includes("creator")));
    assert.match(creator, /demoted/);
    assert.doesNotMatch(await page.textContent("#access-table"), /\bchanges\b/);
    // The result view: the viewport scrolled to the result, and the whole result panel.
    await page.evaluate(() => document.querySelector("#preview").scrollIntoView());
    await page.screenshot({ path: screenshotPath(`result-loss-${name}.png`) });
    await page.locator("#preview").screenshot({ path: screenshotPath(`result-loss-${name}-panel.png`) });
    // A gain is a plain success.
    await fillForm(page, "hmp.shareRecordingWithUser", "admin", { username: "InfoDev", permission: "EDIT", recordingId: RECORDING });
    assert.equal(await page.textContent("#verdict-word"), "Allowed");
    assert.equal(await page.$("#verdict-loss"), null);
    assert.match(await page.textContent("#access-table"), /gains/);
    await page.context().close();
  }
});

test("3. stale screens: a pending preview is marked; no loading message stays after apply and undo", async () => {
  const page = await openPage(browser, site.base, { sample: "hmp" });
  const during = await page.evaluate(() => {
    const actor = document.querySelector("#actor");
    actor.value = "jdoe";
    actor.dispatchEvent(new Event("input", { bubbles: true }));
    const pending = document.querySelector("#preview-pending");
    return { shown: !!pending && !pending.hidden && pending.offsetHeight > 0, busy: document.querySelector("#preview").getAttribute("aria-busy") };
  });
  assert.deepEqual(during, { shown: true, busy: "true" }, "while the new answer is worked out, the old one is marked");
  await waitPreview(page);
  assert.equal(await page.isHidden("#preview-pending"), true);

  await fillForm(page, "hmp.shareRecordingWithUser", "admin", { username: "InfoDev", permission: "EDIT", recordingId: RECORDING });
  await page.click("#apply");
  await page.waitForFunction(() => !document.querySelector("#undo").disabled);
  await page.click("#undo");
  await page.waitForFunction(() => document.querySelector("#undo").disabled && !document.querySelector("#redo").disabled);
  await waitPreview(page);
  await page.waitForTimeout(300);
  assert.equal(await page.isHidden("#load-progress-box"), true, "no progress message after undo");
  assert.doesNotMatch(await page.textContent("body"), /Indexing names/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("4. applied work is not dropped silently: loading asks first; leaving the page warns", async () => {
  const page = await openPage(browser, site.base, { sample: "hmp" });
  await fillForm(page, "hmp.shareRecordingWithUser", "admin", { username: "InfoDev", permission: "EDIT", recordingId: RECORDING });
  await page.click("#apply");
  await page.waitForFunction(() => !document.querySelector("#undo").disabled);

  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push({ type: d.type(), message: d.message() });
    d.dismiss();
  });
  await page.selectOption("#sample", "ocm");
  await page.click("#load-sample");
  await page.waitForTimeout(500);
  assert.equal(dialogs.length, 1, "Load sample asks");
  assert.match(dialogs[0].message, /1 applied call not exported yet will be lost/);
  assert.match(await page.textContent("#summary-head"), /sample hmp\.json/, "cancelled: the state and its history stay");
  assert.equal(await page.isEnabled("#undo"), true);

  await page.setInputFiles("#state-file", workFile("other.json", JSON.stringify(readSample("ocm"))));
  await page.waitForTimeout(500);
  assert.equal(dialogs.length, 2, "opening a file asks");
  assert.match(await page.textContent("#summary-head"), /sample hmp\.json/);

  // Exported: nothing is lost, nothing is asked.
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  await download.path();
  await page.click("#load-sample");
  await page.waitForFunction(() => document.querySelector("#summary-head")?.textContent.includes("sample ocm.json"));
  assert.equal(dialogs.length, 2);
  await page.context().close();

  const leaving = await openPage(browser, site.base, { sample: "hmp" });
  await fillForm(leaving, "hmp.shareRecordingWithUser", "admin", { username: "InfoDev", permission: "EDIT", recordingId: RECORDING });
  await leaving.click("#apply");
  await leaving.waitForFunction(() => !document.querySelector("#undo").disabled);
  const shown = new Promise((resolve) => leaving.once("dialog", async (d) => {
    resolve(d.type());
    await d.accept(); // leave: the page closes
  }));
  await leaving.close({ runBeforeUnload: true });
  assert.equal(await Promise.race([shown, new Promise((r) => setTimeout(() => r("none"), 5000))]), "beforeunload");
  await leaving.context().close();
});

test("5. the Webex scopes a preview assumes are stated next to the verdict", async () => {
  const page = await openPage(browser, site.base, { sample: "webex" });
  await fillForm(page, "webex.reassignRecordings", "brenda.song@example.com", {
    ownerEmail: "john.andersen@example.com", reassignOwnerEmail: "brenda.song@example.com",
  });
  assert.equal((await wire(page)).status, "HTTP 204 No Content");
  assert.match(await page.textContent("#verdict-scopes"), /Assumed token scopes: spark-admin:recordings_write/);
  await page.uncheck("input.scope[value='spark-admin:recordings_write']");
  await page.waitForFunction(() => document.querySelector("#preview").dataset.state === "ready" && document.querySelector("#wire-status").textContent.includes("403"));
  assert.match(await page.textContent("#verdict-scopes"), /Assumed token scopes: none/);
  await page.context().close();
});

test("6. phone layout: effect column on screen, long ids wrap, dropdown labels whole, focus stays after Enter on Apply", async () => {
  const page = await openPage(browser, site.base, { sample: "combined", viewport: PHONE });
  await fillForm(page, "hmp.shareRecordingWithUser", "admin", { username: "creator", permission: "WATCH", recordingId: RECORDING });
  const effect = await page.$eval("#access-table thead th:nth-child(2)", (th) => ({ text: th.textContent, right: th.getBoundingClientRect().right, width: innerWidth }));
  assert.equal(effect.text, "effect");
  assert.ok(effect.right <= effect.width, `the effect column ends at ${effect.right}px of ${effect.width}px`);

  await fillForm(page, "webex.reassignRecordings", "admin@example.com", {
    ownerEmail: "john.andersen@example.com", ownerID: "", recordingIds: "", reassignOwnerEmail: "brenda.song@example.com",
  });
  const overflowing = await page.$$eval(".table-wrap", (wraps) =>
    wraps.filter((w) => w.scrollWidth > w.clientWidth + 1).map((w) => `${w.querySelector("table").id}: ${w.scrollWidth} > ${w.clientWidth}`));
  assert.deepEqual(overflowing, [], "no result table is wider than the screen");

  assert.deepEqual(await cutDropdowns(page), [], "dropdown labels are not cut");
  const desktop = await openPage(browser, site.base, { sample: "combined", viewport: DESKTOP });
  assert.deepEqual(await cutDropdowns(desktop), [], "nor on a desktop");
  await desktop.context().close();

  await fillForm(page, "hmp.shareRecordingWithUser", "admin", { username: "InfoDev", permission: "EDIT", recordingId: RECORDING });
  await page.focus("#apply");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => !document.querySelector("#undo").disabled);
  await waitPreview(page);
  const focused = await page.evaluate(() => ({ id: document.activeElement.id, inPreview: !!document.activeElement.closest("#preview") }));
  assert.ok(focused.inPreview, `focus stays by the result after Apply (on #${focused.id || "body"})`);
  await page.screenshot({ path: screenshotPath("result-applied-phone.png"), fullPage: true });
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("7. texts: articles, quotes, plurals, holders, Webex before column, no empty tables, the split UUID", async () => {
  const page = await openPage(browser, site.base, { sample: "combined" });
  assert.match(await page.textContent("#summary-table"), /\b1 feed\b/);
  assert.doesNotMatch(await page.textContent("#summary-table"), /\b1 feeds\b/);

  await fillForm(page, "webex.reassignRecordings", "admin@example.com", {
    ownerEmail: "john.andersen@example.com", ownerID: "", recordingIds: "", reassignOwnerEmail: "lobby@example.com",
  });
  assert.match(await page.textContent("#explanation"), /is an active workspace/);
  assert.equal(await page.$("#reassign-table"), null, "a denial shows no empty reassignment table");

  await fillForm(page, "webex.reassignRecordings", "admin@example.com", { reassignOwnerEmail: "brenda.song@example.com" });
  const befores = await page.$$eval("#access-table tbody tr td:nth-child(3)", (tds) => tds.map((td) => td.textContent.trim()));
  assert.ok(befores.length > 0 && befores.every((t) => t.length > 0), `every before cell says something: ${JSON.stringify(befores)}`);

  await fillForm(page, "ocm.editShareRole", "userAA", { folderId: FOLDER, userID: USER_BB, role: "owner", message: "" });
  const why = await page.textContent("#explanation");
  assert.match(why, /role 'owner'/);
  assert.doesNotMatch(why, /'"owner"'/);

  await fillForm(page, "ocm.editShareRole", "userAA", { folderId: FOLDER, userID: USER_BB, role: "viewer", message: "" });
  const holders = await page.$$eval("#access-table tbody td", (tds) => tds.map((td) => td.textContent));
  assert.ok(holders.length > 0);
  for (const h of holders) assert.doesNotMatch(h, /\b(\w+) — \1\b/, `a role is not repeated: ${h}`);

  await fillRawCli(page, "hmp.shareRecordingWithUser", "admin", "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141- 1e95283469f1");
  assert.equal((await wire(page)).body, "ERROR|010003|Expected 3 parameter(s). Got 4 parameter(s)");
  assert.match(await page.textContent("#fix"), /the UUID f678f415-0665-48cd-b141-1e95283469f1 was split by white space/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
