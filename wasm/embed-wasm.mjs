// Writes the WebAssembly binary as an ES module holding it gzip-compressed and base64-encoded:
//   node embed-wasm.mjs share-policy-core.wasm share-policy-wasm.js
// index.js decompresses it with DecompressionStream. Embedded, there is no .wasm file for hosts to
// locate; compressed, it costs about a third of Emscripten's SINGLE_FILE (plain base64).
// The gzip stream comes from zopfli (Debian package, installed by scripts/setup) when present: it
// is plain gzip that any inflater reads, about 5 % smaller than zlib's level 9 on this binary
// (179 KB against 188 KB, measured), which keeps the package within its 200 KB budget.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { gzipSync } from "node:zlib";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node embed-wasm.mjs INPUT.wasm OUTPUT.js");
  process.exit(2);
}

function compress(path) {
  try {
    return execFileSync("zopfli", ["--i15", "-c", path], { maxBuffer: 64 << 20 });
  } catch (e) {
    if (e.code !== "ENOENT") throw e;
    console.error("embed-wasm: zopfli not found (scripts/setup installs it); using zlib level 9");
    return gzipSync(readFileSync(path), { level: 9 });
  }
}

const packed = compress(input).toString("base64");
writeFileSync(
  output,
  `// Generated from ${basename(input)} by wasm/embed-wasm.mjs: the WebAssembly binary, gzip, base64.\n` +
    `export default "${packed}";\n`
);
