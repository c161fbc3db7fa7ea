// The blind paraphrase banks: single utterances labelled for one target each, written by
// authors who had not read the rule pack, to measure how the cues generalise to wordings
// they were not written from. `tune` may be tuned on; `check` is scored, never tuned on.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { EVAL_DIR, ELEMENT_IDS, type EvalSettings } from "./eval-case.ts";

export type BankSplit = "tune" | "check";

/** Every element the agent must state, as labelled in the banks (OBJECTION_HONORED is a behaviour, not a sentence). */
export const DISCLOSURE_TARGETS = ELEMENT_IDS.filter((id) => id !== "OBJECTION_HONORED");
export type DisclosureTarget = (typeof DISCLOSURE_TARGETS)[number];

export type PitchExpectation = "hard" | "soft" | "none";

export type BankItem =
  /** An agent utterance that does (true) or does not (false) state the element on its own. */
  | { target: DisclosureTarget; expect: boolean; text: string; why?: string }
  /** An agent utterance that presents the sales call as something else (survey, public body...). */
  | { target: "DISGUISE"; expect: boolean; text: string; why?: string }
  /** An agent utterance that starts the pitch (hard or soft) or does not. */
  | { target: "PITCH"; expect: PitchExpectation; text: string; why?: string }
  /** A customer utterance that refuses or objects, or does not. */
  | { target: "OBJECTION"; expect: boolean; text: string; why?: string };

export type BankTarget = BankItem["target"];

export interface ParaphraseBank {
  split: BankSplit;
  language: "fr" | "en";
  settings: EvalSettings;
  items: BankItem[];
}

export const BANK_DIR = join(EVAL_DIR, "paraphrases");

export function bankFileName(split: BankSplit, language: "fr" | "en"): string {
  return `${split}-${language}.json`;
}

export function readBank(split: BankSplit, language: "fr" | "en", dir: string = BANK_DIR): unknown {
  return JSON.parse(readFileSync(join(dir, bankFileName(split, language)), "utf8")) as unknown;
}
