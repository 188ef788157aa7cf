// A quick, relative look at the fast batch (not part of scripts/bench): canShareBatchCodes of one
// or more staged packages against CASL, interleaved in one Node process so that a noisy machine
// affects them alike. Ratios within one run are what it is for.
//   node bench/batch_quick.mjs STATE.json QUERIES.json PACKAGE_DIR...
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { CaslEngine, decodeQuery } from "./engines.mjs";

const [statePath, queriesPath, ...packages] = process.argv.slice(2);
const now = () => performance.now() / 1e3;
const text = fs.readFileSync(statePath, "utf8");
const requests = JSON.parse(fs.readFileSync(queriesPath, "utf8")).shareRecordingWithUser;
const queries = requests.map(decodeQuery);
const columns = { actor: requests.map((r) => r.actor ?? null), cli: requests.map((r) => r.cli) };
const casl = new CaslEngine(JSON.parse(text), await import("@casl/ability"));
const loaded = [];
for (const dir of packages) {
  const { createSharePolicy } = await import(pathToFileURL(path.join(path.resolve(dir), "index.js")).href);
  loaded.push([dir, (await createSharePolicy()).load(text)]);
}
const best = { CASL: Infinity };
for (const [dir] of loaded) best[`${dir} rows`] = best[`${dir} columns`] = Infinity;
for (let pass = 0; pass < 10; ++pass) {
  let t = now();
  for (const q of queries) casl.decide(q);
  best.CASL = Math.min(best.CASL, now() - t);
  for (const [dir, ws] of loaded) {
    t = now();
    ws.canShareBatchCodes(requests);
    best[`${dir} rows`] = Math.min(best[`${dir} rows`], now() - t);
    t = now();
    ws.canShareBatchCodes(columns);
    best[`${dir} columns`] = Math.min(best[`${dir} columns`], now() - t);
  }
}
for (const [name, s] of Object.entries(best)) {
  const us = (s * 1e6) / requests.length;
  console.log(`${name}: ${us.toFixed(2)} µs/decision, ${(s / best.CASL).toFixed(2)} × CASL`);
}
