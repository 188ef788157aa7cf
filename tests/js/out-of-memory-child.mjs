// Runs out of WebAssembly memory in the package at `argv[2]` and prints, as one JSON line, what
// each call answered (tests/js/memory.test.mjs checks it, and that nothing else was printed).
//   node out-of-memory-child.mjs PACKAGE_DIR
import { join } from "node:path";

import { runOutOfMemorySteps } from "./out-of-memory-steps.mjs";

const { createSharePolicy } = await import(join(process.argv[2], "index.js"));
console.log(JSON.stringify(await runOutOfMemorySteps(createSharePolicy)));
