/**
 * How the sentence model (src/compliance/sentence-model.ts) is trained: the examples, drawn from
 * the tune paraphrase banks and the dev calls, and a class-balanced logistic regression fitted by
 * seeded stochastic gradient descent, so the same data always gives the same model.
 * The held-out calls and the check banks are never read here.
 */
import { buildMatchContext } from "../src/compliance/names.ts";
import { findHits, prepareUtterances } from "../src/compliance/prepared.ts";
import type { RulePack } from "../src/compliance/rule-pack.ts";
import { sentenceFeatures } from "../src/compliance/sentence-model.ts";
import { resolveSettings } from "../src/compliance/settings.ts";
import { toSentences } from "../src/compliance/text/normalize.ts";
import type { ElementId } from "../src/compliance/types.ts";
import type { Language } from "../src/transcript/types.ts";
import type { EvalCase } from "../test/eval/eval-case.ts";
import type { ParaphraseBank } from "../test/eval/paraphrase-bank.ts";
import { judgeItem } from "./paraphrase-metrics.ts";

export interface Example {
  features: string[];
  label: 0 | 1;
}

export interface FitOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
}

export const DEFAULT_FIT: FitOptions = { epochs: 60, learningRate: 0.3, l2: 1e-3, seed: 1 };

/** A small seeded generator (mulberry32): training must not depend on Math.random. */
function generator(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Logistic regression by SGD with L2, each class weighted to half the total: positives are few
 * (a dozen wordings of an element against every other sentence) and must not be drowned.
 */
export function fitLogistic(examples: readonly Example[], options: FitOptions = DEFAULT_FIT): { bias: number; weights: Map<string, number> } {
  const weights = new Map<string, number>();
  let bias = 0;
  const positives = examples.filter((e) => e.label === 1).length;
  const negatives = examples.length - positives;
  if (positives === 0 || negatives === 0) throw new Error("training needs both positive and negative examples");
  const classWeight = [examples.length / (2 * negatives), examples.length / (2 * positives)];
  const random = generator(options.seed);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const example = examples[index]!;
      let z = bias;
      for (const f of example.features) z += weights.get(f) ?? 0;
      const gradient = (1 / (1 + Math.exp(-z)) - example.label) * classWeight[example.label]!;
      bias -= options.learningRate * gradient;
      for (const f of example.features) {
        const w = weights.get(f) ?? 0;
        weights.set(f, w - options.learningRate * (gradient + options.l2 * w));
      }
    }
  }
  return { bias, weights };
}

/** Union of the features of an utterance's sentences, as the engine tokenizes them. */
function utteranceFeatures(text: string, language: Language, settings: ParaphraseBank["settings"] | EvalCase["settings"], pack: RulePack): string[] {
  const lexicon = pack.lexicons[language];
  const ctx = buildMatchContext(resolveSettings(settings), lexicon, pack.thresholds);
  return [...new Set(toSentences(text, language, lexicon).flatMap((s) => sentenceFeatures(s.tokens, ctx)))];
}

/**
 * A bank's examples for one element: its own items as labelled, and the agent items written for
 * other targets as negatives, unless a cue of the element finds it in them (they may state it too).
 */
export function bankExamples(bank: ParaphraseBank, element: ElementId, pack: RulePack): Example[] {
  const examples: Example[] = [];
  for (const item of bank.items) {
    if (item.target === "OBJECTION") continue;
    const features = utteranceFeatures(item.text, bank.language, bank.settings, pack);
    if (item.target === element) examples.push({ features, label: item.expect === true ? 1 : 0 });
    else if (!judgeItem({ target: element as never, expect: true, text: item.text }, bank, pack).got) examples.push({ features, label: 0 });
  }
  return examples;
}

/**
 * The dev calls' agent sentences for one element: positive where a cue of the element matches
 * (the calls are labelled, and the cues agree with every label there), negative elsewhere.
 */
export function devExamples(cases: readonly EvalCase[], element: ElementId, pack: RulePack): Example[] {
  const examples: Example[] = [];
  for (const c of cases) {
    const language = c.settings.language;
    const lexicon = pack.lexicons[language];
    const settings = resolveSettings(c.settings);
    const ctx = buildMatchContext(settings, lexicon, pack.thresholds);
    const utterances = prepareUtterances({ utterances: c.utterances, origin: "transcript" }, language, lexicon, pack.thresholds).filter((u) => u.speaker === "agent");
    const stated = new Set(findHits(utterances, lexicon.elements.get(element) ?? [], ctx).map((h) => h.utterance.sentences[h.sentenceIndex]));
    for (const u of utterances) {
      for (const sentence of u.sentences) examples.push({ features: sentenceFeatures(sentence.tokens, ctx), label: stated.has(sentence) ? 1 : 0 });
    }
  }
  return examples;
}
