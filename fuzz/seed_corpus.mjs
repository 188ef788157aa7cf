#!/usr/bin/env node
// Writes the seed corpora of the fuzz targets from the golden fixtures and the sample states:
//   node fuzz/seed_corpus.mjs REPO_ROOT OUT_DIR   →  OUT_DIR/{state,state_stream,scanner,request,cli_tokenizer,pipeline}/
// Generated on every run (scripts/fuzz); corpora are never committed.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

const [root, out] = process.argv.slice(2);
if (!root || !out) {
  console.error("usage: seed_corpus.mjs REPO_ROOT OUT_DIR");
  process.exit(2);
}
const targets = ["state", "state_stream", "scanner", "request", "cli_tokenizer", "pipeline"];
for (const t of targets) mkdirSync(join(out, t), { recursive: true });
const counts = Object.fromEntries(targets.map((t) => [t, 0]));
function seed(target, text) {
  const name = createHash("sha1").update(text).digest("hex");
  writeFileSync(join(out, target, name), text);
  counts[target]++;
}

const samplesDir = join(root, "web/samples");
const samples = readdirSync(samplesDir).filter((f) => f.endsWith(".json")).sort();
for (const f of samples) {
  const text = readFileSync(join(samplesDir, f), "utf8");
  seed("state", text);
  seed("state", JSON.stringify(JSON.parse(text)));  // compact too: shorter seeds mutate faster
  seed("scanner", JSON.stringify(JSON.parse(text)));
  for (const cut of ["\u0001", "\u0042", "\u0077"]) seed("state_stream", cut + JSON.stringify(JSON.parse(text)));
}
// The scanner's corners: escapes, surrogate pairs, number text, trailing content, nesting.
for (const text of ['{"a":"\\u00e9\\/\\ud83d\\ude00","b":[1e400,-0.0,18446744073709551616,1E+2]}', '{"x":{"k":1,"k":2}}',
  '[[[[{"a":[[]]}]]]]', '{}\u0000{}', '"\\ud800"', '{"\\u0061":1,"a":2}', '\ufeff{} ']) {
  seed("scanner", text);
}

const fixturesDir = join(root, "tests/fixtures");
for (const f of readdirSync(fixturesDir).filter((f) => f.endsWith(".json")).sort()) {
  const fixture = JSON.parse(readFileSync(join(fixturesDir, f), "utf8"));
  const state = typeof fixture.state === "string" ? readFileSync(join(root, fixture.state), "utf8") : JSON.stringify(fixture.state);
  const request = JSON.stringify(fixture.request);
  if (typeof fixture.state !== "string") seed("state", state);
  seed("request", request);
  seed("pipeline", request);  // against the combined sample
  seed("pipeline", JSON.stringify(JSON.parse(state)) + "\n@@\n" + request);
  if (typeof fixture.request.cli === "string") seed("cli_tokenizer", fixture.request.cli);
  if (fixture.request.http && fixture.request.http.body !== undefined) {
    seed("request", JSON.stringify({ ...fixture.request, http: { ...fixture.request.http, body: JSON.stringify(fixture.request.http.body) } }));
  }
}
// A few hand-written command lines with the tokenizer's corners (quotes, escapes, line breaks).
for (const line of [
  'shareRecordingWithUser "Info Dev" OWN f678f415-0665-48cd-b141-1e95283469f1',
  'shareRecordingWithGroup "Sales \\"EU\\"" WATCH "f678f415-0665-48cd-b141-1e95283469f1"',
  'shareRecordingWithUser\ncreator\tEDIT  x"y z\\ "unterminated',
  '"a\\\\" "b"c" ""',
]) {
  seed("cli_tokenizer", line);
  seed("request", JSON.stringify({ actor: "admin", cli: line }));
}
console.log(`seed corpus in ${out}: ` + targets.map((t) => `${t} ${counts[t]}`).join(", "));
