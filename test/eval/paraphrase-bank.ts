// The blind paraphrase banks: single utterances labelled for one target each, written by
// authors who had not read the rule pack, to measure how the cues generalise to wordings
// they were not written from. `tune` may be tuned on; `check` is scored, never tuned on.
import { readdirSync, readFileSync } from "node:fs";
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
  | { target: "OBJECTION"; expect: boolean; text: string; why?: string }
  /** The agent's next utterance after a plain refusal: it keeps pitching or argues on (true), or lets go (false). */
  | { target: "AFTER_REFUSAL"; expect: boolean; text: string; why?: string };

export type BankTarget = BankItem["target"];

/** Every target, in report order. */
export const BANK_TARGETS: readonly BankTarget[] = [...DISCLOSURE_TARGETS, "DISGUISE", "PITCH", "OBJECTION", "AFTER_REFUSAL"];

/** The item says its target is there (true, "hard", "soft"); otherwise it is a near-miss. */
export function isPositive(item: BankItem): boolean {
  return item.expect !== false && item.expect !== "none";
}

export interface ParaphraseBank {
  split: BankSplit;
  language: "fr" | "en";
  settings: EvalSettings;
  items: BankItem[];
}

export const BANK_DIR = join(EVAL_DIR, "paraphrases");

/** A split's banks for one language: `tune-en.json`, `tune-en-2.json`... each by another author, with its own names. */
export function bankFileNames(split: BankSplit, language: "fr" | "en", dir: string = BANK_DIR): string[] {
  const own = new RegExp(`^${split}-${language}(-\\d+)?\\.json$`);
  return readdirSync(dir).filter((name) => own.test(name)).sort();
}

export function readBanks(split: BankSplit, language: "fr" | "en", dir: string = BANK_DIR): Array<{ fileName: string; json: unknown }> {
  return bankFileNames(split, language, dir).map((fileName) => ({ fileName, json: JSON.parse(readFileSync(join(dir, fileName), "utf8")) as unknown }));
}
