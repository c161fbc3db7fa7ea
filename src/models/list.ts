/**
 * Lists the Whisper models a developer or an installation has: the project's models/ folder and,
 * when present, the shared development folder (../shared/models), with size, sha256 and where
 * each came from.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { OFFICIAL_MODELS, identifyOfficialModel } from "./catalog.ts";
import { readConversionRecords } from "./onnx-to-ggml/conversion-record.ts";
import { sha256File } from "./onnx-to-ggml/file-hash.ts";

export type ModelSource =
  | { kind: "converted"; from: string }
  /** verified: the file's name and sha256 are a catalogue entry (what `npm run models:download` fetches). */
  | { kind: "official"; verified?: true }
  | { kind: "shared" }
  | { kind: "unknown" };

export interface ListedModel {
  path: string;
  file: string;
  bytes: number;
  sha256: string;
  source: ModelSource;
}

export interface ModelFolders {
  /** The project's models/ folder. */
  projectModels: string;
  /** ../shared/models: listed only if it exists. */
  sharedModels?: string;
  /** The converter's provenance record (models/cache/conversions.json). */
  conversionRecord: string;
}

/** whisper.cpp's published names: ggml-<size>[.en][-q5_1|-q8_0...].bin (large-v3, -turbo...). */
const OFFICIAL_NAME = /^ggml-(tiny|base|small|medium|large(-v[123])?(-turbo)?)(\.en)?(-(q[458]_[01]|f16|f32))?\.bin$/;

export function listModels(folders: ModelFolders): ListedModel[] {
  const records = readConversionRecords(folders.conversionRecord);
  const describe = (dir: string, file: string, shared: boolean): ListedModel => {
    const path = join(dir, file);
    const sha256 = sha256File(path);
    const record = records.find((r) => r.file === file && r.sha256 === sha256);
    const source: ModelSource = shared
      ? { kind: "shared" }
      : record
        ? { kind: "converted", from: record.source }
        : nameSource(file, sha256);
    return { path, file, bytes: statSync(path).size, sha256, source };
  };
  const models = modelFiles(folders.projectModels).map((file) => describe(folders.projectModels, file, false));
  if (folders.sharedModels && existsSync(folders.sharedModels)) {
    models.push(...modelFiles(folders.sharedModels).map((file) => describe(folders.sharedModels!, file, true)));
  }
  return models;
}

export function describeSource(source: ModelSource): string {
  switch (source.kind) {
    case "converted":
      return `converted from ${source.from}`;
    case "official":
      return source.verified ? "official download, sha256 verified" : "official download";
    case "shared":
      return "shared";
    case "unknown":
      return "unknown";
  }
}

/** The source of a file the converter did not record, told by its name (and bytes, for catalogue files). */
function nameSource(file: string, sha256: string): ModelSource {
  if (identifyOfficialModel(file, sha256)) return { kind: "official", verified: true };
  // A catalogue name over other bytes (e.g. a copied conversion) is not the official file.
  if (OFFICIAL_MODELS.some((m) => m.file === file)) return { kind: "unknown" };
  return OFFICIAL_NAME.test(file) ? { kind: "official" } : { kind: "unknown" };
}

function modelFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".bin"))
    .map((entry) => entry.name)
    .sort();
}
