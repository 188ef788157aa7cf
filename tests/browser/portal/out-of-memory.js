// Runs a copy of the package whose memory may grow only to 64 MiB out of memory and shows what each
// call answered: the steps of tests/js/out-of-memory-steps.mjs (copied here by portal.test.mjs), in
// Chromium.
import { createSharePolicy } from "share-policy-small-memory";

import { runOutOfMemorySteps } from "./out-of-memory-steps.mjs";

runOutOfMemorySteps(createSharePolicy).then(
  (value) => (document.getElementById("outcome").textContent = JSON.stringify(value)),
  (e) => (document.getElementById("outcome").textContent = JSON.stringify({ failure: String(e && e.stack ? e.stack : e) })),
);
