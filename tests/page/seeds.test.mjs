// The samples load, and the four seed calls, entered through the form and through the raw editor,
// show the vendor's exact wire response.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startSiteAndBrowser, stopSiteAndBrowser, openPage, fillForm, fillRawCli, fillRawHttp, wire, readSample, screenshotPath, DESKTOP, PHONE } from "./helpers.mjs";

let site;
let browser;
let page;
before(async () => {
  ({ site, browser } = await startSiteAndBrowser());
  page = await openPage(browser, site.base);
});
after(() => stopSiteAndBrowser({ site, browser }));

const RECORDING = "f678f415-0665-48cd-b141-1e95283469f1";
const FEED = "0b6d2c1e-3f4a-4b5c-8d6e-7f8091a2b3c4";
const FOLDER = "F1321DC48E3B123D02DBEE88T0000000000100000001";
const USER_BB = "U7ECC74059E0FEDFEC66BF5AT00000000001";

const SEED_001_BODY = { data: { id: "a78758cc-48da-47ad-bc6e-6c8564badb7e", shareType: "USER", permission: "EDIT", name: "viewer", email: null } };
// seed 003, first example: the response to {"userID": USER_BB, "role": "viewer"}.
const SEED_003_BODY = {
  errorCode: "0",
  id: FOLDER,
  members: [{ id: USER_BB, displayName: "User BB", type: "user", isSuccessful: "1", provisioningStatus: "active" }],
  role: "viewer",
  type: "share",
  user: { id: USER_BB, displayName: "User BB", type: "user" },
};

function assertJsonBody(w, expected) {
  assert.equal(w.status, "HTTP 200 OK");
  assert.deepEqual(JSON.parse(w.body), expected);
  assert.equal(w.body, JSON.stringify(expected, null, 2), "the body's keys come in the vendor's order");
}

test("each sample loads and shows its counts", async () => {
  for (const name of ["hmp", "webex", "ocm", "combined"]) {
    await page.selectOption("#sample", name);
    await page.click("#load-sample");
    await page.waitForFunction((n) => document.querySelector("#summary-head")?.textContent.includes(`sample ${n}.json`), name);
    const sample = readSample(name);
    const summary = await page.textContent("#summary-table");
    if (sample.hmp) assert.match(summary, new RegExp(`HMP.*${sample.hmp.users.length} users`));
    if (sample.webex) assert.match(summary, new RegExp(`Webex.*${sample.webex.recordings.length} recordings`));
    if (sample.ocm) assert.match(summary, new RegExp(`OCM.*${sample.ocm.folders.length} folders`));
    for (const system of ["hmp", "webex", "ocm"]) {
      if (!sample[system]) assert.doesNotMatch(summary, new RegExp(system === "hmp" ? "HMP" : system === "webex" ? "Webex" : "OCM"));
    }
  }
  assert.deepEqual(page.problems, []);
});

test("seed 000 through the form: shareRecordingWithUser, built-in and custom permission", async () => {
  await fillForm(page, "hmp.shareRecordingWithUser", "admin", { username: "creator", permission: "OWN", recordingId: RECORDING });
  assert.equal(await page.inputValue("#raw-cli"), `shareRecordingWithUser creator OWN ${RECORDING}`);
  let w = await wire(page);
  assert.equal(w.body, "OK");
  assert.equal(w.verdict, "Allowed");

  await fillForm(page, "hmp.shareRecordingWithUser", "admin", { username: "InfoDev", permission: "12b0cc54-9018-42c2-9dfb-3f7707a09829", recordingId: RECORDING });
  w = await wire(page);
  assert.equal(w.body, "OK");

  // The first example as printed, with a space inside the UUID: four parameters.
  await fillForm(page, "hmp.shareRecordingWithUser", "admin", { username: "creator", permission: "OWN", recordingId: "f678f415-0665-48cd-b141- 1e95283469f1" });
  w = await wire(page);
  assert.equal(w.body, "ERROR|010003|Expected 3 parameter(s). Got 4 parameter(s)");
  assert.equal(w.verdict, "Denied");
  assert.match(await page.textContent("#verdict"), /010003/);
});

test("seed 000 through the raw editor, including the wrapped second example", async () => {
  await fillRawCli(page, "hmp.shareRecordingWithUser", "admin", `shareRecordingWithUser creator OWN ${RECORDING}`);
  assert.equal((await wire(page)).body, "OK");
  assert.equal(await page.inputValue("#f-username"), "creator", "the form follows the raw editor");
  assert.equal(await page.inputValue("#f-recordingId"), RECORDING);

  await fillRawCli(page, "hmp.shareRecordingWithUser", "admin", `shareRecordingWithUser InfoDev 12b0cc54-9018-42c2-9dfb-3f7707a09829\n${RECORDING}`);
  assert.equal((await wire(page)).body, "OK");
  assert.equal(await page.inputValue("#f-permission"), "12b0cc54-9018-42c2-9dfb-3f7707a09829");

  await fillRawCli(page, "hmp.shareRecordingWithUser", "admin", "shareRecordingWithUser creator OWN f678f415-0665-48cd-b141- 1e95283469f1");
  assert.equal((await wire(page)).body, "ERROR|010003|Expected 3 parameter(s). Got 4 parameter(s)");
});

test("a denial shows the core's fix; a result table exports as CSV", async () => {
  await fillRawCli(page, "hmp.shareRecordingWithUser", "jdoe", `shareRecordingWithUser creator OWN ${RECORDING}`);
  await page.waitForSelector("#fix");
  assert.match(await page.textContent("#fix"), /How to make it succeed: .*share/);

  await fillRawCli(page, "hmp.shareRecordingWithUser", "admin", `shareRecordingWithUser viewer EDIT ${RECORDING}`);
  await page.waitForSelector("#changes-table");
  assert.equal(await page.$("#fix"), null, "an allowed call has no fix");
  const [download] = await Promise.all([page.waitForEvent("download"), page.click('button[data-csv="changes-table"]')]);
  assert.equal(download.suggestedFilename(), "changes-table.csv");
  const fs = await import("node:fs/promises");
  const csv = await fs.readFile(await download.path(), "utf8");
  const lines = csv.trim().split("\r\n");
  assert.equal(lines[0], "change,asset kind,asset id,asset name,principal type,principal id,principal name,before,before name,after,after name");
  assert.equal(lines.length, 2, csv);
  assert.match(lines[1], /,user,a78758cc-48da-47ad-bc6e-6c8564badb7e,viewer,/, "id and name in their own columns");
  assert.match(lines[1], /EDIT/);
});

test("who gains or loses access comes from the core's result.access, users resolved through groups", async () => {
  await fillRawCli(page, "hmp.shareRecordingWithGroup", "admin", `shareRecordingWithGroup Engineering WATCH ${RECORDING}`);
  await page.waitForSelector("#access-table");
  const rows = await page.$$eval("#access-table tbody tr", (trs) => trs.map((tr) => tr.textContent));
  const infodev = rows.find((r) => r.includes("InfoDev"));
  assert.ok(infodev, `InfoDev is listed: ${rows.join(" | ")}`);
  assert.match(infodev, /no access/);
  assert.match(infodev, /gains/);
  assert.match(infodev, /via Engineering/);
  assert.ok(rows.some((r) => /administrator/.test(r)), "administrators are one summary row");
});

test("seed 001 through the form and the raw editor: POST feed share", async () => {
  await fillForm(page, "hmp.createFeedShare", "admin", {
    sectionId: FEED,
    shareType: "USER",
    id: "a78758cc-48da-47ad-bc6e-6c8564badb7e",
    name: "viewer",
    permission: "EDIT",
  });
  assert.equal(await page.inputValue("#raw-path"), `/apis/sections/${FEED}/shares`);
  assert.deepEqual(JSON.parse(await page.inputValue("#raw-body")), { id: "a78758cc-48da-47ad-bc6e-6c8564badb7e", shareType: "USER", permission: "EDIT", name: "viewer" });
  assertJsonBody(await wire(page), SEED_001_BODY);

  await fillRawHttp(page, "hmp.createFeedShare", "admin", {
    method: "POST",
    path: `/apis/sections/${FEED}/shares`,
    body: '{\n  "id": "a78758cc-48da-47ad-bc6e-6c8564badb7e",\n  "shareType": "USER",\n  "permission": "EDIT",\n  "name": "viewer"\n}',
  });
  assertJsonBody(await wire(page), SEED_001_BODY);
  assert.equal(await page.inputValue("#f-name"), "viewer");

  // The vendor's quirk: a missing feed is "Video not found".
  await fillRawHttp(page, "hmp.createFeedShare", "admin", { method: "POST", path: "/apis/sections/00000000-0000-4000-8000-000000000000/shares", body: '{"name":"viewer","shareType":"USER","permission":"EDIT"}' });
  const w = await wire(page);
  assert.equal(w.status, "HTTP 404 Not Found");
  assert.equal(JSON.parse(w.body).message, "Video not found");
});

test("seed 002 through the form and the raw editor: Webex reassign", async () => {
  await fillForm(page, "webex.reassignRecordings", "admin@example.com", {
    ownerEmail: "john.andersen@example.com",
    ownerID: "",
    recordingIds: "",
    reassignOwnerEmail: "brenda.song@example.com",
  });
  assert.equal(await page.isChecked("input.scope[value='spark-admin:recordings_write']"), true);
  let w = await wire(page);
  assert.equal(w.status, "HTTP 204 No Content");
  assert.equal(w.body, "");
  assert.match(await page.textContent("#reassign"), /2 moved, 1 skipped/);
  assert.match(await page.textContent("#access"), /brenda\.song@example\.com/);

  await fillRawHttp(page, "webex.reassignRecordings", "admin@example.com", {
    method: "POST",
    path: "https://webexapis.com/v1/convergedRecordings/reassign",
    body: '{"ownerEmail":"john.andersen@example.com","reassignOwnerEmail":"brenda.song@example.com"}',
  });
  w = await wire(page);
  assert.equal(w.status, "HTTP 204 No Content");
  assert.equal(await page.inputValue("#f-reassignOwnerEmail"), "brenda.song@example.com");

  // Without the scope: the vendor's 403.
  await page.uncheck("input.scope[value='spark-admin:recordings_write']");
  await page.waitForFunction(() => document.querySelector("#preview").dataset.state === "ready" && document.querySelector("#wire-status").textContent.includes("403"));
  await page.check("input.scope[value='spark-admin:recordings_write']");
});

test("seed 003 through the form and the raw editor: OCM edit share role", async () => {
  await fillForm(page, "ocm.editShareRole", "userAA", { folderId: FOLDER, userID: USER_BB, role: "viewer", message: "" });
  assert.equal(await page.inputValue("#raw-path"), `/documents/api/1.2/shares/${FOLDER}/role`);
  assertJsonBody(await wire(page), SEED_003_BODY);
  assert.match(await page.textContent("#changes"), /contributor/);

  await fillRawHttp(page, "ocm.editShareRole", "userAA", {
    method: "PUT",
    path: `/documents/api/1.2/shares/${FOLDER}/role`,
    body: `{\n"userID":"${USER_BB}",\n"role":"viewer",\n"message":"Changing your shared access rights to viewer."\n}`,
  });
  assertJsonBody(await wire(page), SEED_003_BODY);
  assert.equal(await page.inputValue("#f-message"), "Changing your shared access rights to viewer.");

  // The seed's missing-userID example.
  await fillRawHttp(page, "ocm.editShareRole", "userAA", {
    method: "PUT",
    path: "/documents/api/1.2/shares/F2CD745706AEC8BD04260B2F45B3E9DD64907CA0D19F/role",
    body: '{"role":"viewer","message":"granting you shared access"}',
  });
  const w = await wire(page);
  assert.equal(w.status, "HTTP 400 Bad Request");
  assert.equal(JSON.parse(w.body).errorCode, "-97");
});

test("an unusable preview request shows the input error with its pointer", async () => {
  await fillRawCli(page, "hmp.shareRecordingWithUser", "nobody-at-all", `shareRecordingWithUser creator OWN ${RECORDING}`);
  assert.equal((await wire(page)).state, "input-error");
  assert.equal(await page.textContent("#verdict .error-code"), "REQUEST_INVALID");
  assert.equal(await page.textContent("#verdict .error-pointer"), "/actor");
});

test("screenshots of the preview at 1280×800 and 390×844", async () => {
  for (const [name, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    const p = await openPage(browser, site.base, { viewport });
    await fillForm(p, "hmp.shareRecordingWithUser", "admin", { username: "InfoDev", permission: "EDIT", recordingId: RECORDING });
    await p.screenshot({ path: screenshotPath(`preview-hmp-${name}.png`) });
    await p.screenshot({ path: screenshotPath(`preview-hmp-${name}-full.png`), fullPage: true });
    await fillForm(p, "ocm.editShareRole", "userAA", { folderId: FOLDER, userID: `${USER_BB}, GS18003`, role: "manager", message: "" });
    await p.screenshot({ path: screenshotPath(`preview-ocm-${name}-full.png`), fullPage: true });
    await fillForm(p, "webex.reassignRecordings", "admin@example.com", { ownerEmail: "john.andersen@example.com", reassignOwnerEmail: "brenda.song@example.com" });
    await p.screenshot({ path: screenshotPath(`preview-webex-${name}-full.png`), fullPage: true });
    assert.deepEqual(p.problems, []);
    await p.context().close();
  }
});
