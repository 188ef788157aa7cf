// index.d.ts, as installed (resolved through the package's exports map), type-checks a consumer
// that uses every export: tsc --noEmit with strict settings.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

import { packageDir, repoRoot, requirePackage } from "./helpers.mjs";

test("index.d.ts type-checks a consumer of every export", () => {
  requirePackage();
  const work = mkdtempSync(join(tmpdir(), "sp-types-"));
  try {
    mkdirSync(join(work, "node_modules"));
    cpSync(packageDir, join(work, "node_modules", "share-policy"), { recursive: true });
    cpSync(join(repoRoot, "tests", "js", "types", "consumer.ts"), join(work, "consumer.ts"));
    writeFileSync(join(work, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: "es2022",
          module: "nodenext",
          moduleResolution: "nodenext",
          lib: ["es2022", "dom"],
          types: [],
          skipLibCheck: false,
          noUnusedLocals: false,
        },
        files: ["consumer.ts"],
      }),
    );
    const tsc = join(repoRoot, "node_modules", ".bin", "tsc");
    const run = spawnSync(tsc, ["--noEmit", "-p", work], { encoding: "utf8" });
    assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
