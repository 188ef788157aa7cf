// A large load grows the WebAssembly memory in one step (index.ts reserveForLoad): each growth is
// new external memory to V8, which then collects the page's JavaScript heap, so many small steps
// made a load slow in a page with a large heap (M: 0.84 s instead of 0.51 with 139 MB alive).
import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, sampleText } from "./helpers.mjs";

// The WebAssembly memory's size after each growth while `fn` runs.
function growthsDuring(fn) {
  const grow = WebAssembly.Memory.prototype.grow;
  const sizes = [];
  WebAssembly.Memory.prototype.grow = function (...args) {
    const r = grow.apply(this, args);
    sizes.push(this.buffer.byteLength);
    return r;
  };
  try {
    return { value: fn(), sizes };
  } finally {
    WebAssembly.Memory.prototype.grow = grow;
  }
}

// The HMP sample with `n` more users (about 120 bytes each).
function stateWithUsers(n) {
  const state = JSON.parse(sampleText("hmp.json"));
  for (let i = 0; i < n; i++) {
    const hex = i.toString(16).padStart(12, "0");
    state.hmp.users.push({ id: `00000000-0000-4000-8000-${hex}`, username: `user${i}`, email: `user${i}@example.com`, roles: [], groups: [] });
  }
  return JSON.stringify(state);
}

test("loading a large state grows the WebAssembly memory in one step to about twice its text", async () => {
  const { createSharePolicy } = await importPackage();
  const sp = await createSharePolicy();
  const text = stateWithUsers(60_000); // ~7 MB: from a 2 MiB memory, 10 % steps would be dozens
  assert.ok(text.length > 6e6);
  const { value: loaded, sizes } = growthsDuring(() => sp.load(text));
  // The first growth reserves room for the text and a model of its size; a state heavier than that
  // (this one: 60 000 users with little else, about 4x its text) grows on from there.
  assert.ok(sizes[0] >= 2 * text.length, `the first growth reached ${sizes[0]} bytes for ${text.length} of text`);
  assert.equal(loaded.summary().hmp.users, 60_000 + JSON.parse(sampleText("hmp.json")).hmp.users.length);
  loaded.dispose();
});

test("under a memory budget the load grows only as it needs (no reservation past the budget)", async () => {
  const { createSharePolicy } = await importPackage();
  const sp = await createSharePolicy({ maxMemoryBytes: 256 * 1024 });
  const text = stateWithUsers(60_000);
  const { sizes } = growthsDuring(() => assert.throws(() => sp.load(text), { code: "LIMIT_EXCEEDED" }));
  assert.ok(sizes.length >= 1 && sizes[0] < 2 * text.length, `first growth ${sizes[0]} for ${text.length} of text`);
});
