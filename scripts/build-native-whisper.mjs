// smart-whisper's default node-gyp build has no SIMD flags and runs 7-10x slower;
// rebuild it once with -march=native and leave a marker so later installs skip it.
import { execSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
let pkgDir;
try {
  pkgDir = dirname(require.resolve("smart-whisper/package.json"));
} catch {
  process.exit(0);
}
const marker = join(pkgDir, "build", ".native-simd");
if (existsSync(marker) && !process.env.FORCE_WHISPER_REBUILD) process.exit(0);
const flags = process.env.WHISPER_CFLAGS ?? "-march=native -O3";
console.log(`[setup] rebuilding smart-whisper with ${flags} (about a minute)`);
execSync("npm rebuild smart-whisper --foreground-scripts", {
  stdio: "inherit",
  env: { ...process.env, CFLAGS: flags, CXXFLAGS: flags },
});
writeFileSync(marker, flags + "\n");
