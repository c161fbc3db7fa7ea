import { closeSync, openSync, readSync, statSync } from "node:fs";
import { AppError } from "../errors.ts";
import { HOW_TO_GET_A_MODEL } from "../models/resolve.ts";

/** whisper.cpp model files start with the ggml magic 0x67676d6c, little-endian ("lmgg" on disk). */
const GGML_MAGIC = 0x67676d6c;

/**
 * Checks a model file before whisper.cpp loads it: the native loader aborts the process on a
 * missing or foreign file, which must instead be a clear error the caller can report.
 */
export function checkModelFile(path: string): void {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    throw new AppError("MODEL_NOT_FOUND", `${path} does not exist. ${HOW_TO_GET_A_MODEL}`);
  }
  if (!stats.isFile()) throw new AppError("MODEL_INVALID", `${path} is not a file`);
  const size = stats.size;
  const head = Buffer.alloc(4);
  const fd = openSync(path, "r");
  try {
    readSync(fd, head, 0, 4, 0);
  } finally {
    closeSync(fd);
  }
  if (size < 1024 || head.readUInt32LE(0) !== GGML_MAGIC) {
    throw new AppError("MODEL_INVALID", `${path} is not a whisper.cpp ggml model file`);
  }
}
