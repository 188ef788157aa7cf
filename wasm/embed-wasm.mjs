// Writes the WebAssembly binary as an ES module holding it gzip-compressed and base64-encoded:
//   node embed-wasm.mjs share-policy-core.wasm share-policy-wasm.js
// index.js decompresses it with DecompressionStream. Embedded, there is no .wasm file for hosts to
// locate; compressed, it costs about a third of Emscripten's SINGLE_FILE (plain base64).
import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { gzipSync } from "node:zlib";

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error("usage: node embed-wasm.mjs INPUT.wasm OUTPUT.js");
  process.exit(2);
}
const packed = gzipSync(readFileSync(input), { level: 9 }).toString("base64");
writeFileSync(
  output,
  `// Generated from ${basename(input)} by wasm/embed-wasm.mjs: the WebAssembly binary, gzip, base64.\n` +
    `export default "${packed}";\n`,
);
