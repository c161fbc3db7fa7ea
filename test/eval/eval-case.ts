// The labelled evaluation set: its types and how to read it from disk.
// The types are declared here rather than imported from src/compliance so that the
// held-out labels stay independent of the engine they measure.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Language, Speaker } from "../../src/transcript/types.ts";

export const ELEMENT_IDS = [
  "ID_CALLER",
  "ART14_IDENTITY",
  "COMMERCIAL_NATURE",
  "ART14_PURPOSE",
  "ART14_SOURCE",
  "ART21_OBJECTION_INFO",
  "REC_NOTICE",
  "REC_OBJECTION_RIGHT",
  "BLOCTEL_MENTION",
  "OBJECTION_HONORED",
] as const;

export type EvalElementId = (typeof ELEMENT_IDS)[number];

export type EvalElementStatus = "present" | "late" | "missing" | "violated" | "undeterminable" | "not_applicable";

export type EvalVerdict = "compliant" | "non_compliant" | "needs_review" | "not_applicable";

/** `heldout` was written first and must never be tuned on; `dev` may be. */
export type EvalSplit = "heldout" | "dev";

export interface EvalSettings {
  language: Language;
  brands: string[];
  callCentres: string[];
  dataSources: string[];
  /** ISO 8601 with an offset; absent when the call date is unknown. */
  calledAt?: string;
  recorded: boolean;
  leadOrigin: "third_party" | "own_customers";
}

export interface EvalUtterance {
  speaker: Speaker;
  start: number;
  end: number;
  text: string;
}

export interface ExpectedOutcome {
  verdict: EvalVerdict;
  /** 0-based index of the pitch-onset utterance, or null when the call has no pitch. */
  pitchUtterance: number | null;
  elements: Record<EvalElementId, EvalElementStatus>;
}

export interface EvalCase {
  id: string;
  description: string;
  settings: EvalSettings;
  utterances: EvalUtterance[];
  expected: ExpectedOutcome;
}

/** A case file as read, before validation: its name and parsed JSON. */
export interface EvalCaseFile {
  split: EvalSplit;
  fileName: string;
  json: unknown;
}

export const EVAL_DIR = dirname(fileURLToPath(import.meta.url));

export function readEvalSplit(split: EvalSplit, evalDir: string = EVAL_DIR): EvalCaseFile[] {
  const dir = join(evalDir, split);
  return readdirSync(dir)
    .filter((name) => name.endsWith(".json"))
    .sort()
    .map((fileName) => ({ split, fileName, json: JSON.parse(readFileSync(join(dir, fileName), "utf8")) as unknown }));
}
