// Shared by the package tests: where the staged package and the native CLI are.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const packageDir = resolve(process.env.SHAREPOLICY_PACKAGE_DIR ?? join(repoRoot, "dist", "share-policy"));
export const cliPath = resolve(process.env.SHAREPOLICY_CLI ?? join(repoRoot, "build", "core", "cli", "share-policy"));
export const samplesDir = join(repoRoot, "web", "samples");

export function requirePackage() {
  if (!existsSync(join(packageDir, "share-policy-wasm.js"))) {
    throw new Error(`the package is not staged in ${packageDir}: run scripts/build-wasm`);
  }
}

// The package, imported from its staged folder (tests of the installed tarball import it by name).
export async function importPackage() {
  requirePackage();
  return import(join(packageDir, "index.js"));
}

export function sampleText(name) {
  return readFileSync(join(samplesDir, name), "utf8");
}

// The result as the CLI prints it: apply and check print no state.
export function withoutState(result) {
  const { state, ...rest } = result;
  return rest;
}
