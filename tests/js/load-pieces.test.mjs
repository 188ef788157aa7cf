// load() of a long state text (over 4 MiB) hands it to the core in 1 MiB pieces, as loadStream
// reads, so that the text never sits whole in the WebAssembly memory (which never shrinks). The
// answers and errors must be those of a load of the same text at once.
import assert from "node:assert/strict";
import { test } from "node:test";
import { importPackage, sampleText } from "./helpers.mjs";

// The package does not expose its memory: catch it as the module instantiates.
let memory = null;
const instantiate = WebAssembly.instantiate;
WebAssembly.instantiate = async function (...a) {
  const r = await instantiate.apply(this, a);
  memory = Object.values((r.instance ?? r).exports).find((v) => v instanceof WebAssembly.Memory) ?? memory;
  return r;
};

const pkg = await importPackage();
const small = sampleText("hmp.json");
// 5 MiB of two-byte characters in an unknown top-level member: piece boundaries split characters.
const padded = (text) => text.replace(/^\{/, `{"padding":"${"é".repeat(5 << 19)}",`);

function errorOf(load) {
  try {
    load();
  } catch (e) {
    return { code: e.code, pointer: e.pointer, message: e.message };
  }
  assert.fail("the load did not fail");
}

test("a long state loads to the model a short one does, characters split between pieces", async () => {
  const sp = await pkg.createSharePolicy();
  const text = padded(small);
  assert.ok(Buffer.byteLength(text) > 4 << 20);
  const { padding, ...rest } = sp.load(text).toJSON();
  assert.equal(padding, "é".repeat(5 << 19));
  assert.deepEqual(rest, sp.load(small).toJSON());
  assert.deepEqual(sp.load(text).canShare({ actor: "admin", cli: "x" }), sp.load(small).canShare({ actor: "admin", cli: "x" }));
});

test("a long invalid state fails with the code, pointer and message of the short one", async () => {
  const sp = await pkg.createSharePolicy();
  const bad = small.replace(/"roles":\s*\[/, '"roles": ["No such role", ');
  const expected = errorOf(() => sp.load(bad));
  assert.equal(expected.code, "STATE_INVALID");
  assert.deepEqual(errorOf(() => sp.load(padded(bad))), expected);
  // A syntax error's byte offset counts the padding too.
  const shortTail = errorOf(() => sp.load(small + " trailing"));
  const added = Buffer.byteLength(padded(small)) - Buffer.byteLength(small);
  const at = Number(/at byte (\d+)$/.exec(shortTail.message)[1]);
  assert.deepEqual(errorOf(() => sp.load(padded(small) + " trailing")), {
    ...shortTail,
    message: shortTail.message.replace(/\d+$/, String(at + added)),
  });
});

test("the text never sits whole in the WebAssembly memory", async () => {
  const sp = await pkg.createSharePolicy();
  // 24 MiB of white space around a small state: the model is small, the text is not.
  const text = small.replace(/^\{/, `{${" ".repeat(24 << 20)}`);
  sp.load(text).dispose();
  assert.ok(memory.buffer.byteLength < 24 << 20, `WebAssembly memory ${memory.buffer.byteLength} bytes`);
});
