// loadStream: a state read as its bytes arrive (issue 12). Every kind of source, split anywhere,
// loads what load loads; errors are load's, with their pointer; a stream past the memory stops
// being read; an AbortSignal stops it; the worker helper forwards all of it.
import assert from "node:assert/strict";
import { createReadStream, statSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { after, before, describe, test } from "node:test";

import { importPackage, packageDir, samplesDir, sampleText } from "./helpers.mjs";

let pkg;
let sp;
before(async () => {
  pkg = await importPackage();
  sp = await pkg.createSharePolicy();
});

const encoder = new TextEncoder();
const combinedPath = join(samplesDir, "combined.json");

// A state with multi-byte UTF-8 in names, so that 1-byte pieces split characters.
const unicodeState = JSON.stringify({
  schema: "share-policy/state@1",
  ocm: {
    users: [
      { id: "U1", loginName: "owner", displayName: "Zoë Ørsted 日本語 🎬", provisioningStatus: "active" },
      { id: "U2", loginName: "hélper", displayName: "Hélène", provisioningStatus: "active" },
    ],
    groups: [],
    folders: [{ id: "F1", name: "Café ☕", ownedBy: "U1", members: [{ id: "U2", type: "user", role: "viewer" }] }],
  },
});

// The bytes of `text` in pieces of `size` bytes, as an async generator.
async function* piecesOf(text, size) {
  const bytes = encoder.encode(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

function webStream(text, size) {
  const bytes = encoder.encode(text);
  let at = 0;
  return new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(at, at + size));
      at += size;
    },
  });
}

async function loadsAsLoad(source, text) {
  const streamed = await sp.loadStream(source);
  const whole = sp.load(text);
  try {
    assert.deepEqual(streamed.toJSON(), whole.toJSON());
    assert.deepEqual(streamed.summary(), whole.summary());
  } finally {
    streamed.dispose();
    whole.dispose();
  }
}

async function rejectsWith(promise, code, pointer) {
  await assert.rejects(promise, (e) => {
    assert.ok(e instanceof pkg.SharePolicyError, `not a SharePolicyError: ${e}`);
    assert.equal(e.code, code, e.message);
    if (pointer !== undefined) assert.equal(e.pointer, pointer);
    return true;
  });
}

describe("every source kind loads what load loads", () => {
  test("a Node Readable from fs.createReadStream (small chunks)", async () => {
    await loadsAsLoad(createReadStream(combinedPath, { highWaterMark: 333 }), sampleText("combined.json"));
  });
  test("a web ReadableStream", async () => {
    await loadsAsLoad(webStream(sampleText("combined.json"), 1000), sampleText("combined.json"));
  });
  test("an async generator of Uint8Array, and a Readable of Buffers", async () => {
    await loadsAsLoad(piecesOf(sampleText("hmp.json"), 64), sampleText("hmp.json"));
    await loadsAsLoad(Readable.from([Buffer.from("{\"schema\":"), Buffer.from("\"share-policy/state@1\"}")]), "{\"schema\":\"share-policy/state@1\"}");
  });
  test("a Blob, with its size as totalBytes", async () => {
    const text = sampleText("webex.json");
    const seen = [];
    const loaded = await sp.loadStream(new Blob([text]), { onProgress: (p) => seen.push(p) });
    assert.deepEqual(loaded.toJSON(), JSON.parse(JSON.stringify(sp.load(text).toJSON())));
    loaded.dispose();
    assert.ok(seen.length > 0);
    assert.deepEqual(seen.at(-1), { bytesRead: encoder.encode(text).length, totalBytes: encoder.encode(text).length });
  });
});

describe("pieces split anywhere", () => {
  for (const size of [1, 2, 3, 7, 4093]) {
    test(`${size}-byte pieces, multi-byte characters split`, async () => {
      await loadsAsLoad(piecesOf(unicodeState, size), unicodeState);
      await loadsAsLoad(webStream(sampleText("combined.json"), size), sampleText("combined.json"));
    });
  }
  test("a larger state in 1-byte chunks and in 1 MiB chunks", async () => {
    const big = JSON.stringify({
      hmp: { users: Array.from({ length: 300 }, (_, i) => ({ id: `u${i}`, username: `user${i}`, roles: [], groups: [] })) },
    });
    await loadsAsLoad(piecesOf(big, 1), big);
    await loadsAsLoad(piecesOf(big, 1 << 20), big);
  });
});

describe("small chunks gathered", () => {
  // A Blob's stream gives 64 KiB chunks: each call into the core costs, so chunks smaller than
  // 1 MiB reach it gathered, cut wherever a chunk ends (the C++ tests cut at every byte).
  const users = Array.from({ length: 40_000 }, (_, i) => ({ id: `u${i}`, username: `user ${i} Zoë 日本`, roles: [], groups: [] }));
  const big = JSON.stringify({ hmp: { users } });
  test("a 3 MB state in 4093-byte chunks: the same state, progress in pieces of at most 1 MiB", async () => {
    const bytes = encoder.encode(big).length;
    assert.ok(bytes > 2 << 20);
    const seen = [];
    const streamed = await sp.loadStream(piecesOf(big, 4093), { onProgress: (p) => seen.push(p.bytesRead) });
    assert.deepEqual(streamed.summary(), sp.load(big).summary());
    streamed.dispose();
    // 728 chunks, three pieces (one call each).
    assert.equal(seen.length, Math.ceil(bytes / (Math.floor((1 << 20) / 4093) * 4093)));
    assert.equal(seen.at(-1), bytes);
    seen.forEach((b, i) => assert.ok(b - (seen[i - 1] ?? 0) <= 1 << 20));
  });
  test("a chunk of 1 MiB or more goes as it is, after what was gathered before it", async () => {
    const bytes = encoder.encode(big);
    const chunks = [bytes.subarray(0, 10), bytes.subarray(10, 10 + (1 << 20)), bytes.subarray(10 + (1 << 20))];
    const seen = [];
    const streamed = await sp.loadStream((async function* () { yield* chunks; })(), { onProgress: (p) => seen.push(p.bytesRead) });
    assert.deepEqual(streamed.summary(), sp.load(big).summary());
    streamed.dispose();
    assert.deepEqual(seen, [10, 10 + (1 << 20), bytes.length]);
  });
});

describe("progress", () => {
  test("bytesRead grows to the file's size; totalBytes when given", async () => {
    const size = statSync(combinedPath).size;
    const seen = [];
    const loaded = await sp.loadStream(createReadStream(combinedPath, { highWaterMark: 1024 }), {
      totalBytes: size,
      onProgress: (p) => seen.push(p),
    });
    loaded.dispose();
    assert.ok(seen.length >= 1);
    for (let i = 1; i < seen.length; ++i) assert.ok(seen[i].bytesRead > seen[i - 1].bytesRead);
    assert.deepEqual(seen.at(-1), { bytesRead: size, totalBytes: size });
  });
});

describe("errors are load's", () => {
  const bad = JSON.stringify({ hmp: { users: [{ id: "u1", username: "a", roles: [], groups: [] }, { id: 7 }] } });
  test("an invalid state: the code and pointer load throws", async () => {
    let expected;
    try {
      sp.load(bad);
    } catch (e) {
      expected = e;
    }
    assert.ok(expected instanceof pkg.SharePolicyError);
    assert.notEqual(expected.pointer, "");
    await rejectsWith(sp.loadStream(piecesOf(bad, 5)), expected.code, expected.pointer);
    await rejectsWith(sp.loadStream(webStream("{ nope", 2)), "STATE_INVALID");
    await rejectsWith(sp.loadStream(piecesOf("", 1)), "STATE_INVALID");
  });
  test("a source that is not a stream, or chunks that are not bytes", async () => {
    await rejectsWith(sp.loadStream(sampleText("hmp.json")), "STATE_INVALID");
    await rejectsWith(sp.loadStream((async function* () { yield 42; })()), "STATE_INVALID");
    await rejectsWith(sp.loadStream(Readable.from(["text chunks"])), "STATE_INVALID");
    await rejectsWith(sp.loadStream(null), "STATE_INVALID");
  });
  test("a stream that fails rejects with its error and loads nothing", async () => {
    const boom = new Error("disk gone");
    const failing = (async function* () {
      yield encoder.encode("{\"hmp\":");
      throw boom;
    })();
    await assert.rejects(sp.loadStream(failing), (e) => e === boom);
  });
});

describe("memory", () => {
  test("past the memory budget: LIMIT_EXCEEDED as the bytes arrive, the source no longer read", async () => {
    const small = await pkg.createSharePolicy({ maxMemoryBytes: 16 << 20 });
    let produced = 0;
    let closed = false;
    // An endless list of users: only a limit can stop it.
    const endless = (async function* () {
      try {
        yield encoder.encode("{\"hmp\":{\"users\":[");
        for (let i = 0; ; ++i) {
          const chunk = encoder.encode(
            Array.from({ length: 500 }, (_, k) => `{"id":"u${i}-${k}","username":"user${i}-${k}","roles":[],"groups":[]},`).join("")
          );
          produced += chunk.length;
          yield chunk;
        }
      } finally {
        closed = true;
      }
    })();
    await rejectsWith(small.loadStream(endless), "LIMIT_EXCEEDED");
    assert.ok(closed, "the source was closed");
    assert.ok(produced < 256 << 20, `read ${produced} bytes`);
    // The instance still works.
    const loaded = small.load(sampleText("hmp.json"));
    assert.ok(loaded.summary().hmp.users > 0);
    loaded.dispose();
  });
});

describe("abort", () => {
  test("an AbortSignal stops a stream that stalls, and one aborted before the call", async () => {
    const controller = new AbortController();
    let cancelled = false;
    const stalled = new ReadableStream({
      start(c) {
        c.enqueue(encoder.encode("{\"hmp\":{\"users\":["));
      },
      pull() {
        return new Promise(() => {}); // never delivers more
      },
      cancel() {
        cancelled = true;
      },
    });
    const loading = sp.loadStream(stalled, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(loading, (e) => e.name === "AbortError");
    await assert.rejects(sp.loadStream(piecesOf("{}", 1), { signal: AbortSignal.abort() }), (e) => e.name === "AbortError");
    // A reason of the caller's own is the rejection.
    const reason = new Error("user cancelled");
    await assert.rejects(sp.loadStream(piecesOf("{}", 1), { signal: AbortSignal.abort(reason) }), (e) => e === reason);
    assert.ok(cancelled, "the stream was cancelled");
    const loaded = await sp.loadStream(piecesOf("{}", 1));
    assert.deepEqual(loaded.toJSON(), {});
    loaded.dispose();
  });
});

describe("through share-policy/worker and share-policy/remote", () => {
  let channel;
  let remote;
  before(async () => {
    const { serveSharePolicy } = await import(join(packageDir, "worker.js"));
    const { connectSharePolicy } = await import(join(packageDir, "remote.js"));
    channel = new MessageChannel();
    serveSharePolicy(undefined, channel.port1);
    remote = connectSharePolicy(channel.port2);
    channel.port1.start();
    channel.port2.start();
  });
  after(() => {
    channel?.port1.close();
    channel?.port2.close();
  });

  test("a Blob, a Node Readable and a web stream load in the worker with progress", async () => {
    const text = sampleText("combined.json");
    const expected = JSON.parse(JSON.stringify(sp.load(text).toJSON()));
    channel.port1.postMessage(null); // a message of someone else's on the same port is ignored
    for (const source of [
      new Blob([text]),
      createReadStream(combinedPath, { highWaterMark: 500 }),
      webStream(text, 700),
    ]) {
      const seen = [];
      const loaded = await remote.loadStream(source, { onProgress: (p) => seen.push(p) });
      assert.deepEqual(await loaded.toJSON(), expected);
      await loaded.dispose();
      assert.ok(seen.length > 0);
      assert.equal(seen.at(-1).bytesRead, encoder.encode(text).length);
    }
  });
  test("errors and aborts cross as they do locally", async () => {
    await rejectsWith(remote.loadStream(new Blob(["{\"hmp\":{\"users\":[{\"id\":7}]}}"])), "STATE_INVALID");
    const controller = new AbortController();
    const stalled = new ReadableStream({ pull: () => new Promise(() => {}) });
    const loading = remote.loadStream(stalled, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await assert.rejects(loading, (e) => e.name === "AbortError");
    const loaded = await remote.loadStream(new Blob(["{}"]));
    assert.deepEqual(await loaded.toJSON(), {});
    await loaded.dispose();
  });
});
