import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { AppError } from "../errors.ts";

export type InputKind = "transcript-json" | "transcript-txt" | "script" | "audio";

export interface InputFile {
  path: string;
  kind: InputKind;
}

export const AUDIO_EXTENSIONS = new Set([".wav", ".mp3", ".ogg", ".oga", ".opus", ".flac"]);

/** What a file is, from its extension; null when the CLI cannot analyze it. */
export function classify(path: string, scriptMode: boolean): InputKind | null {
  const ext = extname(path).toLowerCase();
  if (AUDIO_EXTENSIONS.has(ext)) return "audio";
  if (ext === ".json") return "transcript-json";
  if (ext === ".md" || ext === ".markdown") return "script";
  if (ext === ".txt") return scriptMode ? "script" : "transcript-txt";
  return null;
}

/**
 * Expands folders (recursively, sorted) into the files they hold that can be analyzed.
 * A named file with an unknown extension is kept, so that it gets its own error object.
 */
export function expandInputs(paths: string[], scriptMode: boolean): Array<InputFile | { path: string; error: AppError }> {
  const out: Array<InputFile | { path: string; error: AppError }> = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith(".")) continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else {
        const kind = classify(full, scriptMode);
        if (kind) out.push({ path: full, kind });
      }
    }
  };
  for (const path of paths) {
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      out.push({ path, error: new AppError("INPUT_NOT_FOUND", path) });
      continue;
    }
    if (isDir) {
      walk(path);
      continue;
    }
    const kind = classify(path, scriptMode);
    out.push(kind ? { path, kind } : { path, error: new AppError("INPUT_UNSUPPORTED", `${path} (expected .json, .txt, .md or audio)`) });
  }
  return out;
}
