// Issue 14's new capabilities on the page: "who can / what can" answered by the core, pinned
// checks re-evaluated after apply, undo and load (and exported as a scenario that the CLI's
// `share-policy test` passes), and a link that carries the call (never the state).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import {
  ROOT, openPage, fillRawCli, wire, waitPreview, screenshotPath, workFile, DESKTOP, PHONE, startSiteAndBrowser, stopSiteAndBrowser,
} from "./helpers.mjs";

let site;
let browser;
before(async () => ({ site, browser } = await startSiteAndBrowser()));
after(() => stopSiteAndBrowser({ site, browser }));

const RECORDING = "f678f415-0665-48cd-b141-1e95283469f1";
const CLI = process.env.SHAREPOLICY_CLI ?? path.join(ROOT, "build/core/cli/share-policy");

async function ask(page, { question, system, kind, target }) {
  await page.selectOption("#ex-question", question);
  await page.selectOption("#ex-system", system);
  await page.selectOption("#ex-kind", kind);
  await page.fill("#ex-target", target);
  const answered = Number(await page.$eval("#explorer", (n) => n.dataset.answered ?? 0));
  await page.click("#ex-ask");
  await page.waitForFunction((n) => Number(document.querySelector("#explorer").dataset.answered ?? 0) > n, answered);
}

const rows = (page, cls) => page.$$eval(`#ex-result tr.${cls}`, (trs) => trs.map((tr) =>
  [...tr.querySelectorAll("td")].map((td) => td.textContent.replace(/\s+/g, " ").trim())));

async function shoot(page, name) {
  for (const [label, viewport] of [["desktop", DESKTOP], ["phone", PHONE]]) {
    await page.setViewportSize(viewport);
    await page.locator(name === "explorer" ? "#explorer" : "#pins").scrollIntoViewIfNeeded();
    await page.screenshot({ path: screenshotPath(`${name}-${label}.png`) });
  }
  await page.setViewportSize(DESKTOP);
}

test("who can: a recording's users with actions and paths, groups, administrators counted", async () => {
  const page = await openPage(browser, site.base);
  await ask(page, { question: "who", system: "hmp", kind: "recording", target: RECORDING });
  const users = await rows(page, "ex-row-user");
  assert.deepEqual(users.map((r) => r[0].split(" ")[0]), ["creator", "jdoe", "producer"]);
  const jdoe = users[1];
  assert.equal(jdoe[1], "watch, edit");
  assert.match(jdoe[2], /direct share: WATCH/);
  assert.match(jdoe[2], /group Sales: EDIT/);
  assert.match(users[2][2], /owner/);
  assert.equal(users[2][1], "watch, edit, share, download, trim, restream, delete");
  assert.match(await page.textContent("#ex-result .ex-admins"), /2 administrators hold every action/);
  const groups = await rows(page, "ex-row-group");
  assert.equal(groups.length, 1);
  assert.match(groups[0][0], /^Sales/);
  assert.equal(groups[0][2], "1");
  await shoot(page, "explorer");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("what can: a user's assets through a group, an administrator's every asset, OCM and Webex", async () => {
  const page = await openPage(browser, site.base);
  await ask(page, { question: "what", system: "hmp", kind: "user", target: "jdoe" });
  let assets = await rows(page, "ex-row-asset");
  assert.equal(assets.length, 2);
  assert.match(assets[0][0], /recording Quarterly all-hands/);
  assert.match(assets[1][0], /feed Town hall channel/);
  assert.equal(assets[1][1], "watch");
  assert.match(assets[1][2], /group Sales: WATCH/);

  await ask(page, { question: "what", system: "hmp", kind: "user", target: "helpdesk" });
  assert.match(await page.textContent("#ex-result .ex-admins"), /role 'Administrator' through group 'IT Admins'/);
  assert.equal((await rows(page, "ex-row-asset")).length, 3);

  await ask(page, { question: "what", system: "ocm", kind: "user", target: "userCC" });
  assets = await rows(page, "ex-row-asset");
  assert.equal(assets.length, 1);
  assert.equal(assets[0][1], "manager");
  assert.match(assets[0][2], /direct share: manager.*group Sales Group: downloader/);

  await ask(page, { question: "who", system: "webex", kind: "recording", target: "nope" });
  assert.equal(await page.$eval("#explorer", (n) => n.dataset.state), "error");
  assert.match(await page.textContent("#ex-result"), /no Webex recording has id 'nope'.*\/asset\/id/s);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("who can: long answers come a window at a time, with a count and 'Show more'", async () => {
  const page = await openPage(browser, site.base);
  const users = Array.from({ length: 120 }, (_, i) => ({ id: `u${i}`, username: `user${i}`, roles: [], groups: ["g1"] }));
  const state = {
    hmp: {
      roles: [{ name: "Viewer", administrator: false }],
      groups: [{ id: "g1", groupname: "Everyone", roles: ["Viewer"] }],
      users,
      recordings: [{ id: "r1", name: "Big", shares: [{ id: "g1", shareType: "GROUP", permission: "WATCH" }] }],
    },
  };
  await page.click("#paste-box summary");
  await page.fill("#paste-text", JSON.stringify(state));
  await page.click("#load-paste");
  await page.waitForFunction(() => document.querySelector("#summary-head")?.textContent.length > 0 && !document.body.dataset.loading);
  await ask(page, { question: "who", system: "hmp", kind: "recording", target: "r1" });
  assert.equal((await rows(page, "ex-row-user")).length, 50);
  assert.match(await page.textContent("#ex-result caption"), /Users \(50 of 120\)/);
  await page.click(".ex-more");
  await page.waitForFunction(() => document.querySelectorAll("#ex-result tr.ex-row-user").length === 100);
  await page.click(".ex-more");
  await page.waitForFunction(() => document.querySelectorAll("#ex-result tr.ex-row-user").length === 120);
  assert.equal(await page.$(".ex-more"), null);
  const names = (await rows(page, "ex-row-user")).map((r) => r[0].split(" ")[0]);
  assert.deepEqual(names, users.map((u) => u.username), "every user once, in state order");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

async function pinnedVerdicts(page) {
  return page.$$eval("#pin-list li.pin", (lis) => lis.map((li) => ({
    verdict: li.dataset.verdict, changed: li.dataset.changed === "true", text: li.textContent,
  })));
}

async function settled(page) {
  await page.waitForFunction(() => document.querySelector("#pins").dataset.state !== "checking");
  await page.waitForTimeout(30);
  await page.waitForFunction(() => document.querySelector("#pins").dataset.state !== "checking");
}

test("pinned checks: re-evaluated after apply, undo and load; a changed verdict is highlighted", async () => {
  const page = await openPage(browser, site.base);
  // jdoe holds watch and edit, not share: denied.
  await fillRawCli(page, "hmp.shareRecordingWithUser", "jdoe", `shareRecordingWithUser InfoDev WATCH ${RECORDING}`);
  assert.equal((await wire(page)).body, "ERROR|030003|Cannot share");
  await page.click("#pin-call");
  await fillRawCli(page, "hmp.shareRecordingWithUser", "admin", `shareRecordingWithUser viewer EDIT ${RECORDING}`);
  await page.click("#pin-call");
  await page.waitForFunction(() => document.querySelectorAll("#pin-list li.pin[data-verdict]:not([data-verdict=''])").length === 2);
  let pins = await pinnedVerdicts(page);
  assert.deepEqual(pins.map((p) => [p.verdict, p.changed]), [["denied", false], ["ok", false]]);

  // The admin gives jdoe OWN: jdoe's pinned share becomes allowed.
  await fillRawCli(page, "hmp.shareRecordingWithUser", "admin", `shareRecordingWithUser jdoe OWN ${RECORDING}`);
  await page.click("#apply");
  await page.waitForFunction(() => document.querySelector("#pins").dataset.changed === "1");
  await settled(page);
  pins = await pinnedVerdicts(page);
  assert.deepEqual(pins.map((p) => [p.verdict, p.changed]), [["ok", true], ["ok", false]]);
  assert.match(pins[0].text, /changed after apply; was Denied · ERROR\|030003\|Cannot share/);
  assert.equal(await page.$eval("#pin-list li.pin-changed", (n) => getComputedStyle(n).borderTopStyle), "solid");
  await shoot(page, "pins");

  await page.click("#undo");
  await page.waitForFunction(() => document.querySelector("#pin-list li.pin")?.dataset.verdict === "denied");
  await settled(page);
  pins = await pinnedVerdicts(page);
  assert.deepEqual(pins.map((p) => [p.verdict, p.changed]), [["denied", true], ["ok", false]]);
  assert.match(pins[0].text, /changed after undo; was Allowed · OK/);
  await page.click("#pin-list li.pin-changed .pin-ack");
  assert.equal((await pinnedVerdicts(page))[0].changed, false);

  // Loading another state re-evaluates too: the HMP pins answer input errors without HMP.
  await page.selectOption("#sample", "ocm");
  await page.click("#load-sample");
  await page.waitForFunction(() => document.querySelector("#pin-list li.pin")?.dataset.verdict === "input");
  pins = await pinnedVerdicts(page);
  assert.ok(pins.every((p) => p.verdict === "input" && p.changed));

  // "Open" puts a pinned call back in the composer.
  await page.selectOption("#sample", "combined");
  await page.click("#load-sample");
  await page.waitForFunction(() => document.querySelector("#pin-list li.pin")?.dataset.verdict === "denied");
  await page.click("#pin-list li.pin .pin-open");
  await waitPreview(page);
  assert.equal(await page.inputValue("#raw-cli"), `shareRecordingWithUser InfoDev WATCH ${RECORDING}`);
  assert.equal(await page.inputValue("#actor"), "jdoe");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("pinned checks export as a scenario that `share-policy test` passes, and fails once a verdict changes", async () => {
  const page = await openPage(browser, site.base);
  await fillRawCli(page, "hmp.shareRecordingWithUser", "jdoe", `shareRecordingWithUser InfoDev WATCH ${RECORDING}`);
  await page.click("#pin-call");
  // A share that succeeds, pinned before the one that depends on it: as checks, neither applies.
  await fillRawCli(page, "hmp.shareRecordingWithUser", "admin", `shareRecordingWithUser jdoe OWN ${RECORDING}`);
  await page.click("#pin-call");
  await fillRawCli(page, "hmp.shareRecordingWithUser", "jdoe", `shareRecordingWithUser viewer EDIT ${RECORDING}`);
  await page.click("#pin-call");
  await settled(page);
  await page.waitForFunction(() => !document.querySelector("#pins-export").disabled);
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#pins-export")]);
  const scenario = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  assert.equal(scenario.steps.length, 3);
  assert.ok(scenario.steps.every((s) => s.apply === false));
  assert.deepEqual(scenario.steps.map((s) => s.expect.ok), [false, true, false]);
  const file = workFile("pinned-checks.json", JSON.stringify(scenario));
  assert.ok(fs.existsSync(CLI), `the CLI is built at ${CLI} (or set SHAREPOLICY_CLI)`);
  let run = spawnSync(CLI, ["test", file], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /3 passed, 0 failed/);

  // The same checks on a state where jdoe already holds OWN: two verdicts change, and the test fails.
  scenario.state.hmp.recordings[0].shares[0].permission = "OWN";
  run = spawnSync(CLI, ["test", workFile("pinned-checks-changed.json", JSON.stringify(scenario))], { encoding: "utf8" });
  assert.equal(run.status, 3, run.stdout + run.stderr);
  assert.match(run.stdout, /1 passed, 2 failed/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a link to a call carries the call, not the state, and opening it fills the form", async () => {
  const page = await openPage(browser, site.base);
  await page.selectOption("#system", "webex");
  await page.waitForTimeout(50);
  await page.fill("#actor", "admin@example.com");
  await page.uncheck("input.scope[value='spark-admin:recordings_write']");
  await page.fill("#scopes-extra", "spark-admin:recordings_write extra:scope");
  await page.fill("#f-ownerEmail", "john.andersen@example.com");
  await page.fill("#f-reassignOwnerEmail", "brenda.song@example.com");
  await waitPreview(page);
  const before = await wire(page);
  const request = JSON.parse(await page.textContent("#request-json"));
  await page.click("#link-call");
  const link = await page.inputValue("#link-out");
  assert.match(link, /#call=[A-Za-z0-9_-]+$/);
  const fragment = Buffer.from(link.split("#call=")[1], "base64url").toString("utf8");
  assert.deepEqual(JSON.parse(fragment), request, "the fragment is the composed request");
  for (const secret of ["Y2lzY29zcGFyazovL3VzL1BFT1BMRS9qb2hu", "hmp", "users", "Quarterly"]) {
    assert.ok(!fragment.includes(secret), `the link holds nothing of the state (${secret})`);
  }

  const other = await browser.newContext({ viewport: PHONE });
  const opened = await other.newPage();
  await opened.goto(link.replace(/\/\?sample=combined/, "/?sample=combined"));
  await opened.waitForSelector("body[data-ready=true][data-link-opened=true]", { timeout: 30000 });
  await waitPreview(opened);
  assert.equal(await opened.inputValue("#operation"), "webex.reassignRecordings");
  assert.equal(await opened.inputValue("#actor"), "admin@example.com");
  assert.equal(await opened.inputValue("#f-ownerEmail"), "john.andersen@example.com");
  assert.equal(await opened.isChecked("input.scope[value='spark-admin:recordings_write']"), true);
  assert.equal(await opened.inputValue("#scopes-extra"), "extra:scope");
  assert.deepEqual(JSON.parse(await opened.textContent("#request-json")).http, request.http);
  const after = await wire(opened);
  assert.equal(after.status, before.status);
  assert.equal(after.verdict, before.verdict);
  await opened.screenshot({ path: screenshotPath("link-opened-phone.png") });
  await other.close();
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
