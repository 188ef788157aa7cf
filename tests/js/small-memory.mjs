// A copy of the staged package whose WebAssembly memory may grow only to `maxBytes` (the shipped
// one: 2 GiB), so that running out of memory — the heap unable to grow — takes seconds in a test.
// Only the maximum in the binary's memory section changes: the loader, the wrapper and the code
// are the shipped ones.
import assert from "node:assert/strict";
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";

function readLeb(bytes, at) {
  let value = 0;
  let shift = 0;
  let length = 0;
  for (;;) {
    const byte = bytes[at + length++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (!(byte & 0x80)) return { value, length };
  }
}

function leb(value) {
  const out = [];
  do {
    let byte = value % 128;
    value = Math.floor(value / 128);
    if (value) byte |= 0x80;
    out.push(byte);
  } while (value);
  return out;
}

// The binary with its (one, defined) memory's maximum set to maxPages.
export function withMaximumMemory(wasm, maxPages) {
  let at = 8; // magic and version
  while (at < wasm.length) {
    const id = wasm[at];
    const size = readLeb(wasm, at + 1);
    const body = at + 1 + size.length;
    if (id === 5) {
      const count = readLeb(wasm, body);
      if (count.value !== 1) throw new Error("expected one memory");
      let p = body + count.length;
      const flags = wasm[p++];
      if (!(flags & 1)) throw new Error("the memory has no maximum");
      const min = readLeb(wasm, p);
      const max = readLeb(wasm, p + min.length);
      const newBody = [...leb(1), flags, ...wasm.subarray(p, p + min.length), ...leb(maxPages)];
      return Buffer.concat([wasm.subarray(0, at), Buffer.from([5, ...leb(newBody.length), ...newBody]),
        wasm.subarray(p + min.length + max.length)]);
    }
    at = body + size.value;
  }
  throw new Error("no memory section");
}

// Copies the package in `packageDir` to `dir` with a maximum memory of `maxBytes`; returns `dir`.
export function stageSmallMemoryPackage(packageDir, dir, maxBytes) {
  cpSync(packageDir, dir, { recursive: true });
  const embedded = join(dir, "share-policy-wasm.js");
  const source = readFileSync(embedded, "utf8");
  const packed = /"([A-Za-z0-9+/=]+)"/.exec(source)[1];
  const patched = withMaximumMemory(gunzipSync(Buffer.from(packed, "base64")), Math.floor(maxBytes / 65536));
  writeFileSync(embedded, source.replace(packed, gzipSync(patched, { level: 9 }).toString("base64")));
  return dir;
}

// What tests/js/out-of-memory-steps.mjs must report, in Node and in Chromium: the loads succeed
// until one is LIMIT_EXCEEDED; the instance is then usable (dispose returned the memory) or
// INSTANCE_BROKEN on every later call; its neighbour keeps working.
export function checkOutOfMemoryOutcome({ loads, after, others }) {
  assert.equal(loads.at(-1), "LIMIT_EXCEEDED", `loads: ${loads}`);
  assert.ok(loads.slice(0, -1).every((o) => o === "ok"), `loads: ${loads}`);
  const broken = after.every((o) => o === "INSTANCE_BROKEN");
  assert.ok(broken || after.every((o) => o === "ok"), `after: ${after}`);
  assert.deepEqual(others, ["ok", "REQUEST_INVALID"]);
}
