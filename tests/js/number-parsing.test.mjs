// The package reads fractional and exponent numbers in requests and scenarios with its own strtod
// (wasm/js_strtod.cpp: JavaScript's Number() instead of musl's long-double code, for size). The
// values must be the ones a correctly rounding strtod gives (musl's, glibc's): a scenario's
// `expect` is echoed in a mismatch, written back by nlohmann's shortest round-trip printer, so a
// value off by one ulp shows. The expected text is what the package printed with musl's strtod.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { importPackage, repoRoot } from "./helpers.mjs";

const numbers = [
  "0.1",
  "2.2250738585072011e-308", // just below the smallest normal
  "4.9e-324",
  "2.4703282292062328e-324", // just above half the smallest subnormal: rounds up
  "1.7976931348623157e308",
  "9007199254740993.0", // 2^53 + 1: ties to even
  "0.30000000000000004",
  "123456789012345678901234567890.5",
  "1.00000000000000011102230246251565404236316680908203125", // exactly halfway: ties to even (1)
  "1.00000000000000011102230246251565404236316680908203126", // just past halfway: up
  "-0.0",
  "1E+2",
  "-1.25e-3",
  "1e-400", // underflows to 0
  "179769313486231580793728971405301e276",
];
const printed =
  "[0.1,2.225073858507201e-308,5e-324,5e-324,1.7976931348623157e+308,9.007199254740992e+15," +
  "0.30000000000000004,1.2345678901234568e+29,1.0,1.0000000000000002,-0.0,100.0,-0.00125,0.0," +
  "1.7976931348623157e+308]";

test("package: fractional and exponent numbers read as a correctly rounding strtod reads them", async () => {
  const { createSharePolicy } = await importPackage();
  const sp = await createSharePolicy();
  const scenario = JSON.parse(readFileSync(join(repoRoot, "tests/page/scenarios/expect-empty-response.json"), "utf8"));
  const text = JSON.stringify(scenario).replace('"expect":', `"expect":{"response":[${numbers.join(",")}]},"unused":`);
  const outcomes = sp.runScenario(text);
  assert.equal(outcomes[0].mismatches[0], `response: expected ${printed}, got {"line":"OK"}`);
});

test("package: a number past the largest double is still an overflow error", async () => {
  const { createSharePolicy } = await importPackage();
  const sp = await createSharePolicy();
  assert.throws(() => sp.runScenario('{"state":{"schema":1e400},"steps":[]}'), /number overflow parsing '1e400'/);
});
