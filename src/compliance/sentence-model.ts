import { AppError } from "../errors.ts";
import type { Language } from "../transcript/types.ts";
import { compilePattern, type EntitySlot } from "./cues.ts";
import { matchPatternAll, type MatchContext } from "./match.ts";
import type { Token } from "./text/normalize.ts";
import type { ElementId } from "./types.ts";

/**
 * The sentence model: per language and element, a logistic regression over a sentence's word
 * stems and stem pairs, trained on the blind paraphrase banks and the dev calls
 * (scripts/train-sentence-model.ts). Cues know the wordings they were written from; the model
 * is the fallback for other wordings of the same obligation, never a second opinion against a
 * cue. It ships with the rule pack it was trained for, as data.
 */
export interface ElementModel {
  bias: number;
  weights: ReadonlyMap<string, number>;
  /** Probability from which a sentence counts as stating the element. */
  threshold: number;
}

export type SentenceModel = Record<Language, ReadonlyMap<ElementId, ElementModel>>;

/** The model file as written by the trainer. */
export interface SentenceModelFile {
  /** The rule-pack version whose cues labelled the training data; a test keeps them in step. */
  packVersion: string;
  /** The bank files and dev calls it was trained on, and how it was validated (for the record). */
  trainedOn: { banks: string[]; devCalls: number };
  validation: string;
  threshold: number;
  /** Feature names, shared by every element of a language; weights refer to them by index. */
  languages: Record<Language, { features: string[]; elements: Partial<Record<ElementId, { bias: number; weights: Array<[number, number]> }>> }>;
}

const SLOTS: readonly EntitySlot[] = ["brand", "callcentre", "source"];
// Compiled once: a name slot's pattern does not depend on the language.
const SLOT_PATTERNS = new Map(SLOTS.map((slot) => [slot, compilePattern(`{${slot}}`, "en")]));

/**
 * What the model sees of a sentence: its word stems and each pair of neighbours, with the
 * campaign's names as slots (a model trained on "Brightwave" must know "Guardly" is the same
 * thing) and numbers as one token. Soft fillers are left out, like cues step over them.
 */
export function sentenceFeatures(tokens: Token[], ctx: MatchContext): string[] {
  const words = tokens.map((t) => (/^\d+$/.test(t.norm) || ctx.numberWords.has(t.norm) ? "<num>" : t.stem));
  for (const slot of SLOTS) {
    for (const m of matchPatternAll(SLOT_PATTERNS.get(slot)!, tokens, ctx)) {
      for (let i = m.startToken; i < m.endToken; i++) words[i] = `<${slot}>`;
    }
  }
  const kept = words.filter((w, i) => !tokens[i]!.soft && !(w.startsWith("<") && words[i - 1] === w));
  const sequence = ["^", ...kept, "$"];
  const features = new Set<string>(kept);
  for (let i = 0; i + 1 < sequence.length; i++) features.add(`${sequence[i]} ${sequence[i + 1]}`);
  return [...features];
}

export function probability(model: Pick<ElementModel, "bias" | "weights">, features: readonly string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** Validates a model file and indexes its weights. */
export function compileSentenceModel(file: SentenceModelFile, elementIds: readonly ElementId[]): SentenceModel {
  const bad = (why: string) => new AppError("RULE_PACK_INVALID", `sentence model: ${why}`);
  if (!file || typeof file.threshold !== "number" || !(file.threshold > 0 && file.threshold < 1)) throw bad("threshold must be between 0 and 1");
  const model = {} as Record<Language, Map<ElementId, ElementModel>>;
  for (const language of ["fr", "en"] as const) {
    const entry = file.languages?.[language];
    if (!entry || !Array.isArray(entry.features)) throw bad(`language ${language} is missing`);
    const byElement = new Map<ElementId, ElementModel>();
    for (const [id, element] of Object.entries(entry.elements ?? {})) {
      if (!elementIds.includes(id as ElementId)) throw bad(`unknown element ${id}`);
      if (!element || typeof element.bias !== "number" || !Array.isArray(element.weights)) throw bad(`${language}.${id} needs a bias and weights`);
      const weights = new Map<string, number>();
      for (const pair of element.weights) {
        const feature = Array.isArray(pair) ? entry.features[pair[0]] : undefined;
        if (feature === undefined || typeof pair[1] !== "number") throw bad(`${language}.${id} has a weight for no feature`);
        weights.set(feature, pair[1]);
      }
      byElement.set(id as ElementId, { bias: element.bias, weights, threshold: file.threshold });
    }
    model[language] = byElement;
  }
  return model;
}
