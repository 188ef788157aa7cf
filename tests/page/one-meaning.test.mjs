// Issue 13 on the page: scenarios run through the package's runScenario (one meaning of `expect`,
// the same verdict as `share-policy test`: tests/js/scenario-verdict.test.mjs), the page's index
// of names applies no change itself, and a reassignment is previewed on the loaded state.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import path from "node:path";
import {
  openPage, fillForm, waitPreview, workFile, readSample, ROOT, startSiteAndBrowser, stopSiteAndBrowser,
} from "./helpers.mjs";
import * as mirror from "../../web/mirror.js";

let site;
let browser;
before(async () => ({ site, browser } = await startSiteAndBrowser()));
after(() => stopSiteAndBrowser({ site, browser }));

test("a step expecting {response: {}} fails on the page, as in the CLI and the package, with the core's mismatch", async () => {
  const page = await openPage(browser, site.base, { sample: "hmp" });
  await page.setInputFiles("#scenario-file", path.join(ROOT, "tests/page/scenarios/expect-empty-response.json"));
  await page.waitForSelector("#scenario[data-result]");
  const text = await page.textContent("#scenario-table");
  assert.match(text, /2 steps run — 1 as expected, 1 not/);
  const first = await page.textContent("#scenario-table tbody tr:first-child");
  assert.match(first, /✗ expected/);
  assert.match(first, /response: expected \{\}, got \{"line":"OK"\}/, "the core's mismatch is shown");
  assert.match(await page.textContent("#scenario-table tbody tr:nth-child(2)"), /✓ as expected/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});

test("the page's index of the state holds names only: no shares, owners or members, and no change applier", () => {
  assert.deepEqual(Object.keys(mirror).sort(), ["buildMirror", "catalogOf", "hmpAssetName", "hmpPermissionName", "hmpPrincipalName"]);
  const m = mirror.buildMirror(readSample("combined"));
  const found = [];
  const walk = (v, at) => {
    if (v instanceof Map) return v.forEach((x, k) => walk(x, `${at}/${k}`));
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${at}/${i}`));
    if (v && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if (["shares", "members", "ownerId", "owner", "state"].includes(k)) found.push(`${at}/${k}`);
        walk(x, `${at}/${k}`);
      }
    }
  };
  walk(m, "");
  assert.deepEqual(found, [], "access data in the mirror would go stale after an apply");
});

test("a reassignment is previewed on the loaded state itself: its state warnings are the whole state's", async () => {
  const state = readSample("combined");
  // A second 'creator' apart from case: a warning of the HMP section, which a preview on the
  // Webex section alone would not know.
  state.hmp.users.push({ ...state.hmp.users[1], id: "99999999-6f7a-4b8c-9d0e-1f2a3b4c5d6e", username: "CREATOR" });
  const page = await openPage(browser, site.base, { sample: "webex" });
  await page.setInputFiles("#state-file", workFile("ambiguous-combined.json", JSON.stringify(state)));
  await page.waitForFunction(() => document.querySelector("#summary-head")?.textContent.includes("ambiguous-combined.json"));
  await waitPreview(page);
  await fillForm(page, "webex.reassignRecordings", "admin@example.com", {
    ownerEmail: "john.andersen@example.com",
    reassignOwnerEmail: "brenda.song@example.com",
  });
  assert.equal(await page.textContent("#wire-status"), "HTTP 204 No Content");
  assert.match(await page.textContent("#warnings"), /AMBIGUOUS_USERNAME/);
  assert.match(await page.textContent("#reassign-table"), /2 moved/);
  assert.deepEqual(page.problems, []);
  await page.context().close();
});
