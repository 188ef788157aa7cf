// Apply / undo / redo / export / re-import; hostile names render as text; a bad state shows its
// pointer and leaves the previous state in place; scenarios run.
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

async function exportState(page) {
  const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export")]);
  const file = await download.path();
  return fs.readFileSync(file, "utf8");
}

async function loadFile(page, file) {
  await page.setInputFiles("#state-file", file);
  await page.waitForFunction(() => !document.body.dataset.loading && document.querySelector("#load").dataset.result);
  await page.waitForTimeout(50);
  await waitPreview(page);
}

test("apply, undo, redo, export and re-import give back the same state", async () => {
  const page = await openPage(browser, site.base, { sample: "hmp" });
  const initial = await exportState(page);
  assert.deepEqual(JSON.parse(initial).hmp.users, readSample("hmp").hmp.users, "the export holds the loaded state");

  await fillForm(page, "hmp.shareRecordingWithUser", "admin", { username: "InfoDev", permission: "EDIT", recordingId: RECORDING });
  assert.equal((await wire(page)).body, "OK");
  assert.match(await page.textContent("#changes-table"), /InfoDev/);
  assert.match(await page.textContent("#access-table"), /gains/);
  await page.click("#apply");
  await page.waitForFunction(() => !document.querySelector("#undo").disabled);
  await waitPreview(page);
  assert.match(await page.textContent("#warnings"), /NO_CHANGE/, "applied once, the same call changes nothing");
  const applied = await exportState(page);
  const share = JSON.parse(applied).hmp.recordings[0].shares.find((s) => s.id === "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e");
  assert.deepEqual(share, { id: "2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e", shareType: "USER", permission: "EDIT" });
  assert.match(await page.textContent("#history-list"), /hmp\.shareRecordingWithUser/);

  await page.click("#undo");
  await page.waitForFunction(() => document.querySelector("#undo").disabled && !document.querySelector("#redo").disabled);
  assert.equal(await exportState(page), initial, "undo gives back the state before");

  await page.click("#redo");
  await page.waitForFunction(() => !document.querySelector("#undo").disabled && document.querySelector("#redo").disabled);
  assert.equal(await exportState(page), applied, "redo gives back the state after");

  // Keyboard: Ctrl+Z outside a text field undoes.
  await page.focus("#apply-note").catch(() => {});
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("Control+z");
  await page.waitForFunction(() => document.querySelector("#undo").disabled);
  await page.keyboard.press("Control+Shift+z");
  await page.waitForFunction(() => !document.querySelector("#undo").disabled);

  // Redone calls not exported since: loading another state asks first (item 4 of issue 14).
  page.once("dialog", (d) => d.accept());
  await loadFile(page, workFile("exported.json", applied));
  assert.equal(await exportState(page), applied, "re-importing the export gives the same state");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("names holding HTML and script render as text and run nothing", async () => {
  const page = await openPage(browser, site.base, { sample: "combined" });
  const hostile = readSample("combined");
  const img = "<img src=x onerror=window.__pwned=1>";
  const script = "<script>window.__pwned=2</script>";
  hostile.hmp.users[1].username = img;
  hostile.hmp.groups[0].groupname = script;
  hostile.hmp.recordings[0].name = `${img}${script}`;
  hostile.ocm.users[1].displayName = img;
  hostile.ocm.folders[0].name = script;
  hostile.webex.people[2].displayName = img;
  await page.click("#paste-box summary");
  await page.fill("#paste-text", JSON.stringify(hostile));
  await page.click("#load-paste");
  await page.waitForFunction(() => document.querySelector("#summary-head")?.textContent.includes("pasted JSON"));
  await waitPreview(page);

  await fillRawCli(page, "hmp.shareRecordingWithUser", "admin", `shareRecordingWithUser "${img}" OWN ${RECORDING}`);
  assert.equal(await page.inputValue("#f-username"), img, "the raw editor's quoted name reaches the form");
  assert.equal((await wire(page)).body, "OK");
  assert.ok((await page.textContent("#changes-table")).includes(img), "the name is shown as text");
  assert.ok((await page.textContent("#changes-table")).includes(`${img}${script}`));
  await fillRawCli(page, "hmp.shareRecordingWithGroup", "admin", `shareRecordingWithGroup "${script}" WATCH ${RECORDING}`);
  assert.ok((await page.textContent("#access-table")).length > 0);
  await fillForm(page, "ocm.editShareRole", "userAA", { folderId: "F1321DC48E3B123D02DBEE88T0000000000100000001", userID: "U7ECC74059E0FEDFEC66BF5AT00000000001", role: "viewer", message: script });
  assert.ok((await page.textContent("#wire-body")).includes(img));
  assert.ok((await page.textContent("#changes-table")).includes(script));
  await page.screenshot({ path: screenshotPath("hostile-names-desktop.png"), fullPage: true });

  const state = await page.evaluate(() => ({ pwned: window.__pwned, imgs: document.querySelectorAll("img").length, scripts: document.querySelectorAll("script").length }));
  assert.equal(state.pwned, undefined);
  assert.equal(state.imgs, 0);
  assert.equal(state.scripts, 1, "only the page's own module script");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a malformed state shows the pointer and what is there; the previous state stays", async () => {
  const page = await openPage(browser, site.base, { sample: "hmp" });
  const bad = readSample("hmp");
  bad.hmp.users[3].roles = ["Viewer", "No such role"];
  await loadFile(page, workFile("bad-role.json", JSON.stringify(bad, null, 2)));
  assert.equal(await page.getAttribute("#load", "data-result"), "error");
  assert.equal(await page.textContent("#load-error .error-code"), "STATE_INVALID");
  assert.equal(await page.textContent("#load-error .error-pointer"), "/hmp/users/3/roles/1");
  assert.match(await page.textContent("#load-error .error-snippet"), /No such role/);
  assert.match(await page.textContent("#summary-head"), /sample hmp\.json/, "the previous state is still loaded");
  await page.screenshot({ path: screenshotPath("state-error-desktop.png") });

  await loadFile(page, workFile("not-json.json", '{"hmp": {"users": [ {"id": "x", } ]}}'));
  assert.equal(await page.textContent("#load-error .error-code"), "STATE_INVALID");
  assert.ok((await page.textContent("#load-error .error-snippet")).length > 0);
  // A state that is fine loads and clears the error.
  await loadFile(page, workFile("good.json", JSON.stringify(readSample("ocm"))));
  assert.equal(await page.isHidden("#load-error"), true);
  assert.match(await page.textContent("#summary-table"), /OCM/);

  // Drag and drop a file onto the drop zone.
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], "dropped-webex.json", { type: "application/json" }));
    document.querySelector("#drop-zone").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, JSON.stringify(readSample("webex")));
  await page.waitForFunction(() => document.querySelector("#summary-head")?.textContent.includes("dropped-webex.json"));
  assert.match(await page.textContent("#summary-table"), /Webex/);
  assert.equal(await page.inputValue("#operation"), "webex.reassignRecordings", "the composer follows the loaded systems");
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("a scenario file runs its steps and shows a result table", async () => {
  const page = await openPage(browser, site.base, { sample: "hmp", viewport: DESKTOP });
  const scenario = {
    state: readSample("hmp"),
    steps: [
      { request: { actor: "admin", cli: `shareRecordingWithUser InfoDev EDIT ${RECORDING}` }, expect: { ok: true, response: { line: "OK" } } },
      { request: { actor: "InfoDev", cli: `shareRecordingWithUser viewer OWN ${RECORDING}` }, expect: { response: { line: "ERROR|030003|Cannot share" } } },
      { request: { actor: "admin", cli: `shareRecordingWithUser InfoDev WATCH ${RECORDING}` }, expect: { ok: false } },
    ],
  };
  await page.setInputFiles("#scenario-file", workFile("scenario.json", JSON.stringify(scenario)));
  await page.waitForSelector("#scenario[data-result]");
  const text = await page.textContent("#scenario-table");
  assert.match(text, /3 steps run — 2 as expected, 1 not/);
  assert.match(text, /ERROR\|030003\|Cannot share/);
  await page.locator("#scenario").screenshot({ path: screenshotPath("scenario-desktop.png") });

  scenario.steps.push({ request: { actor: "ghost", cli: "shareRecordingWithUser a b c" } });
  await page.setInputFiles("#scenario-file", workFile("scenario-bad.json", JSON.stringify(scenario)));
  await page.waitForFunction(() => document.querySelector("#scenario").dataset.result === "error");
  assert.equal(await page.textContent("#scenario-result .error-pointer"), "/steps/3/request/actor");
  await page.context().close();
});

test("keyboard: every control is reachable and shows focus; phone layout has no sideways scroll", async () => {
  const page = await openPage(browser, site.base, { viewport: PHONE });
  const unlabeled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")]
      .filter((n) => n.type !== "hidden" && !n.labels?.length && !n.getAttribute("aria-label"))
      .map((n) => n.id || n.outerHTML.slice(0, 60))
  );
  assert.deepEqual(unlabeled, [], "every control has a label");
  const seen = new Set();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const info = await page.evaluate(() => {
      const a = document.activeElement;
      if (a === document.body) return { id: "", what: "body", focusVisible: true };
      const style = getComputedStyle(a);
      const outlined = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
      const parentOutlined = a.parentElement && getComputedStyle(a.parentElement).outlineStyle !== "none";
      return { id: a.id, what: a.outerHTML.slice(0, 80), focusVisible: outlined || parentOutlined };
    });
    if (info.id) seen.add(info.id);
    assert.ok(info.focusVisible, `focus is visible on ${info.what}`);
  }
  for (const id of ["state-file", "sample", "load-sample", "system", "operation", "actor"]) assert.ok(seen.has(id), `#${id} is reachable by Tab`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `no horizontal scroll on a phone (${overflow}px)`);
  await page.context().close();
});
