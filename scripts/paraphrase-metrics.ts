/**
 * How the compliance engine reads the blind paraphrase banks (test/eval/paraphrase-bank.ts).
 * Each utterance is judged inside the smallest call that gives it meaning, so only it varies:
 * a disclosure or disguise before a fixed hard pitch, a pitch candidate alone, a customer's
 * answer between a fixed pitch and a fixed goodbye, the agent's answer to a fixed refusal.
 */
import { analyzeCall } from "../src/compliance/analyze.ts";
import type { RulePack } from "../src/compliance/rule-pack.ts";
import { resolveSettings } from "../src/compliance/settings.ts";
import type { CallAnalysis, CallSettings } from "../src/compliance/types.ts";
import type { Speaker, Utterance } from "../src/transcript/types.ts";
import { BANK_TARGETS, isPositive, type BankItem, type BankTarget, type ParaphraseBank, type PitchExpectation } from "../test/eval/paraphrase-bank.ts";

/** Context sentences that state no element and are read as a hard pitch / a goodbye (checked by `checkContext`). */
const CONTEXT = {
  fr: {
    opening: "Bonjour madame.",
    pitch: "Je vous propose notre offre à 24,99 euros par mois.",
    goodbye: "Très bien, je vous souhaite une bonne journée, au revoir.",
    refusal: "Non merci, ça ne m'intéresse pas.",
  },
  en: {
    opening: "Hello there.",
    pitch: "I'd like to offer you our fixed tariff at 59 pounds a month.",
    goodbye: "All right, have a good day, goodbye.",
    refusal: "No thanks, I'm not interested.",
  },
} as const;

export interface ItemOutcome {
  item: BankItem;
  /** What the engine concluded, in the item's terms. */
  got: boolean | PitchExpectation;
  ok: boolean;
  /** The cue or quote the engine matched, when it matched. */
  evidence?: string;
}

export interface TargetScore {
  target: BankTarget;
  positives: number;
  positivesFound: number;
  nearMisses: number;
  nearMissesRejected: number;
}

function call(turns: Array<[Speaker, string]>, settings: CallSettings, pack: RulePack): CallAnalysis {
  const utterances: Utterance[] = turns.map(([speaker, text], i) => ({ speaker, text, start: i * 4, end: i * 4 + 4 }));
  return analyzeCall({ utterances, origin: "transcript" }, settings, pack);
}

/** Fails loudly if the fixed context itself states an element or misses its pitch: scores would mean nothing. */
export function checkContext(bank: ParaphraseBank, pack: RulePack): void {
  const settings = resolveSettings({ ...bank.settings, pitchMode: "strict" });
  const ctx = CONTEXT[bank.language];
  const result = call([["agent", ctx.opening], ["agent", ctx.pitch], ["customer", "D'accord."], ["agent", ctx.goodbye]], settings, pack);
  if (result.pitchOnset?.utteranceIndex !== 1 || result.pitchOnset.kind !== "hard") throw new Error(`${bank.language}: the context pitch is not read as a hard pitch`);
  const stated = result.elements.filter((e) => e.status === "present" || e.status === "violated");
  if (stated.length > 0) throw new Error(`${bank.language}: the context states ${stated.map((e) => e.id).join(", ")}`);
  const refused = call([["agent", ctx.pitch], ["customer", ctx.refusal], ["agent", ctx.goodbye]], settings, pack);
  if (refused.objections.length !== 1 || !refused.objections[0]!.honored) throw new Error(`${bank.language}: the context refusal is not an objection honoured by the goodbye`);
}

export function judgeItem(item: BankItem, bank: ParaphraseBank, pack: RulePack): ItemOutcome {
  const settings = resolveSettings({ ...bank.settings, pitchMode: "strict" });
  const ctx = CONTEXT[bank.language];
  if (item.target === "PITCH") {
    const onset = call([["agent", item.text]], settings, pack).pitchOnset;
    const got: PitchExpectation = onset?.kind ?? "none";
    // The onset is what the verdict depends on; hard or soft is kept for the report only.
    return { item, got, ok: (got === "none") === (item.expect === "none"), ...(onset ? { evidence: onset.text } : {}) };
  }
  if (item.target === "AFTER_REFUSAL") {
    const result = call([["agent", ctx.pitch], ["customer", ctx.refusal], ["agent", item.text]], settings, pack);
    const finding = result.elements.find((e) => e.id === "OBJECTION_HONORED")!;
    const got = finding.status === "violated";
    return { item, got, ok: got === item.expect, ...(got ? { evidence: result.objections[0]?.continuedWith?.cue ?? finding.reason ?? "" } : {}) };
  }
  if (item.target === "OBJECTION") {
    const result = call([["agent", ctx.pitch], ["customer", item.text], ["agent", ctx.goodbye]], settings, pack);
    const got = result.objections.length > 0;
    return { item, got, ok: got === item.expect, ...(got ? { evidence: result.objections[0]!.cue } : {}) };
  }
  const result = call([["agent", item.text], ["agent", ctx.pitch]], settings, pack);
  const elementId = item.target === "DISGUISE" ? "COMMERCIAL_NATURE" : item.target;
  const finding = result.elements.find((e) => e.id === elementId)!;
  const got = item.target === "DISGUISE" ? finding.status === "violated" : finding.status === "present";
  return { item, got, ok: got === item.expect, ...(got && finding.evidence ? { evidence: finding.evidence.cue } : {}) };
}

/** Per target, positives found and near-misses rejected, over any set of judged utterances. */
export function tallyTargets(outcomes: readonly ItemOutcome[]): TargetScore[] {
  return BANK_TARGETS.map((target) => {
    const mine = outcomes.filter((o) => o.item.target === target);
    const positives = mine.filter((o) => isPositive(o.item));
    const nearMisses = mine.filter((o) => !isPositive(o.item));
    return {
      target,
      positives: positives.length,
      positivesFound: positives.filter((o) => o.ok).length,
      nearMisses: nearMisses.length,
      nearMissesRejected: nearMisses.filter((o) => o.ok).length,
    };
  });
}

export function scoreBank(bank: ParaphraseBank, pack: RulePack): ItemOutcome[] {
  checkContext(bank, pack);
  return bank.items.map((item) => judgeItem(item, bank, pack));
}
