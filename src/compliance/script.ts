import { AppError } from "../errors.ts";
import type { Speaker, Transcript, Utterance } from "../transcript/types.ts";
import { analyzeCall } from "./analyze.ts";
import type { RulePack } from "./rule-pack.ts";
import type { CallAnalysis, CallSettings } from "./types.ts";

const ROLE_PREFIX = /^(agent|conseill(?:er|ère)|t[ée]l[ée]conseill(?:er|ère)|tc|vendeur|caller|rep|customer|client|prospect|consumer)\s*:\s*/i;
const CUSTOMER_ROLES = /^(customer|client|prospect|consumer)$/i;

/** Stage directions ("[if the customer refuses]", "(pause)") are not spoken. */
function isDirection(line: string): boolean {
  return /^[[(].*[\])]$/.test(line) || /^_.*_$/.test(line);
}

/** Strips Markdown decoration so that only the words to be spoken remain. */
function spokenText(line: string): string {
  return line
    .replace(/^#{1,6}\s+/, "")
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "")
    .replace(/^>\s*/, "")
    .replace(/\*\*|__|`/g, "")
    .trim();
}

/**
 * Reads a call script: each non-empty line is one utterance, in order, so text order stands for
 * time order (utterance i spans [i, i+1)). Lines are the agent's unless prefixed by a customer role.
 */
export function parseScript(text: string): Transcript {
  const utterances: Utterance[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = spokenText(raw);
    const heading = /^#/.test(raw.trim()) && !ROLE_PREFIX.test(line);
    if (line === "" || heading || isDirection(line)) continue;
    const prefix = ROLE_PREFIX.exec(line);
    const speaker: Speaker = prefix && CUSTOMER_ROLES.test(prefix[1]!) ? "customer" : "agent";
    const words = prefix ? line.slice(prefix[0].length).trim() : line;
    if (words === "") continue;
    const i = utterances.length;
    utterances.push({ speaker, start: i, end: i + 1, text: words });
  }
  if (utterances.length === 0) throw new AppError("SCRIPT_INVALID", "the script has no spoken lines");
  return { utterances, origin: "script" };
}

/** Checks a campaign's call script with the same engine: which elements are missing or come after the pitch. */
export function checkScript(text: string, settings: CallSettings, pack: RulePack): CallAnalysis {
  return analyzeCall(parseScript(text), settings, pack);
}
