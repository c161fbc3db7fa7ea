/**
 * Trains the sentence model of the bundled rule pack (src/compliance/sentence-model.ts) on the
 * tune paraphrase banks and the dev calls, picks its threshold by cross-validation (each tune
 * bank left out in turn, then each half of the dev calls, so that both wordings the cues miss and
 * whole calls, where most sentences state nothing, weigh in), and writes it beside the pack. Deterministic: the same
 * banks, calls and pack give the same file. Run it after any change to the pack or the banks
 * (a test fails until then). Never reads the check banks or the held-out calls.
 * Usage: npm run train:sentence-model
 */
import { readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { compileRulePack, DEFAULT_RULE_PACK_PATH, ELEMENT_IDS, type RulePackFile } from "../src/compliance/rule-pack.ts";
import type { SentenceModelFile } from "../src/compliance/sentence-model.ts";
import type { ElementId } from "../src/compliance/types.ts";
import type { Language } from "../src/transcript/types.ts";
import { readEvalSplit, type EvalCase } from "../test/eval/eval-case.ts";
import { readBanks, type ParaphraseBank } from "../test/eval/paraphrase-bank.ts";
import { scoreCases } from "./eval-metrics.ts";
import { judgeItem } from "./paraphrase-metrics.ts";
import { bankExamples, devExamples, fitLogistic, type Example } from "./sentence-model-training.ts";

const LANGUAGES: Language[] = ["fr", "en"];
const ELEMENTS = ELEMENT_IDS.filter((id) => id !== "OBJECTION_HONORED");
const THRESHOLDS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95];
/** Weights this small change no probability that matters; dropping them keeps the file small. */
const MIN_WEIGHT = 0.05;

type Fitted = Map<ElementId, { bias: number; weights: Map<string, number> }>;

function toFile(models: Record<Language, Fitted>, threshold: number, meta: Pick<SentenceModelFile, "packVersion" | "trainedOn" | "validation">): SentenceModelFile {
  const languages = {} as SentenceModelFile["languages"];
  for (const language of LANGUAGES) {
    const kept = new Map<ElementId, Array<[string, number]>>();
    for (const [id, m] of models[language]) {
      kept.set(id, [...m.weights].filter(([, w]) => Math.abs(w) >= MIN_WEIGHT).map(([f, w]) => [f, Math.round(w * 1e4) / 1e4]));
    }
    const features = [...new Set([...kept.values()].flatMap((ws) => ws.map(([f]) => f)))].sort();
    const index = new Map(features.map((f, i) => [f, i]));
    const elements: SentenceModelFile["languages"]["fr"]["elements"] = {};
    for (const [id, ws] of kept) {
      const m = models[language].get(id)!;
      elements[id] = { bias: Math.round(m.bias * 1e4) / 1e4, weights: ws.map(([f, w]) => [index.get(f)!, w] as [number, number]).sort((a, b) => a[0] - b[0]) };
    }
    languages[language] = { features, elements };
  }
  return { ...meta, threshold, languages };
}

const packPath = DEFAULT_RULE_PACK_PATH;
const packFile = JSON.parse(readFileSync(packPath, "utf8")) as RulePackFile;
if (!packFile.sentenceModel) throw new Error(`${packPath} names no sentenceModel file to write`);
// The cues alone label the data and judge the folds: the model must not train on itself.
const cuesOnly = compileRulePack(packFile);
const dev = readEvalSplit("dev").map((f) => f.json as EvalCase);

const banks = Object.fromEntries(LANGUAGES.map((l) => [l, readBanks("tune", l)])) as Record<Language, Array<{ fileName: string; json: unknown }>>;
// Dev calls in two halves, for the second cross-validation.
const halves = [dev.filter((_, i) => i % 2 === 0), dev.filter((_, i) => i % 2 === 1)];
const perBank = {} as Record<Language, Array<Map<ElementId, Example[]>>>;
const perHalf = {} as Record<Language, Array<Map<ElementId, Example[]>>>;
for (const language of LANGUAGES) {
  perHalf[language] = halves.map((calls) => new Map(ELEMENTS.map((id) => [id, devExamples(calls.filter((c) => c.settings.language === language), id, cuesOnly)])));
  perBank[language] = banks[language].map(({ json }) => new Map(ELEMENTS.map((id) => [id, bankExamples(json as ParaphraseBank, id, cuesOnly)])));
}

/** A model per element, trained on every tune bank and dev half but the ones left out. */
const fit = (language: Language, leftOut: { bank?: number; half?: number }): Fitted =>
  new Map(
    ELEMENTS.map((id) => [
      id,
      fitLogistic([
        ...perHalf[language].flatMap((h, k) => (k === leftOut.half ? [] : h.get(id)!)),
        ...perBank[language].flatMap((b, k) => (k === leftOut.bank ? [] : b.get(id)!)),
      ]),
    ]),
  );
const packWith = (models: Record<Language, Fitted>, threshold: number) =>
  compileRulePack(packFile, toFile(models, threshold, { packVersion: packFile.version, trainedOn: { banks: [], devCalls: 0 }, validation: "fold" }));

const wrong = new Map<number, number>(THRESHOLDS.map((t) => [t, 0]));
const addWrong = (t: number, n: number) => wrong.set(t, wrong.get(t)! + n);
let bankItems = 0;
let bankWrongByCues = 0;
for (let k = 0; k < Math.min(...LANGUAGES.map((l) => banks[l].length)); k++) {
  const folds = { fr: fit("fr", { bank: k }), en: fit("en", { bank: k }) };
  for (const [t, threshold] of THRESHOLDS.entries()) {
    const withModel = packWith(folds, threshold);
    for (const language of LANGUAGES) {
      const bank = banks[language][k]!.json as ParaphraseBank;
      for (const item of bank.items.filter((i) => (ELEMENTS as readonly string[]).includes(i.target))) {
        if (!judgeItem(item, bank, withModel).ok) addWrong(threshold, 1);
        if (t === 0) {
          bankItems++;
          if (!judgeItem(item, bank, cuesOnly).ok) bankWrongByCues++;
        }
      }
    }
  }
}
const bankWrong = new Map(wrong);
let statuses = 0;
let statusWrongByCues = 0;
for (const [h, calls] of halves.entries()) {
  const folds = { fr: fit("fr", { half: h }), en: fit("en", { half: h }) };
  const alone = scoreCases(calls, cuesOnly).total;
  statuses += alone.total;
  statusWrongByCues += alone.total - alone.exact;
  for (const threshold of THRESHOLDS) {
    const scored = scoreCases(calls, packWith(folds, threshold)).total;
    addWrong(threshold, scored.total - scored.exact);
  }
}
// Fewest errors; on a tie, the higher threshold (fewer sentences accepted on the model's word alone).
const best = THRESHOLDS.reduce((a, t) => (wrong.get(t)! <= wrong.get(a)! ? t : a), THRESHOLDS[0]!);
const validation =
  `cross-validated errors on ${bankItems} tune-bank disclosure utterances and ${statuses} dev-call element statuses: ` +
  `cues alone ${bankWrongByCues} + ${statusWrongByCues}; with the model at ` +
  THRESHOLDS.map((t) => `${t}: ${bankWrong.get(t)} + ${wrong.get(t)! - bankWrong.get(t)!}`).join(", ");
console.log(validation);
console.log(`threshold ${best}`);

const file = toFile({ fr: fit("fr", {}), en: fit("en", {}) }, best, {
  packVersion: packFile.version,
  trainedOn: { banks: LANGUAGES.flatMap((l) => banks[l].map((b) => b.fileName)), devCalls: dev.length },
  validation,
});
const out = join(dirname(packPath), packFile.sentenceModel);
writeFileSync(out, `${JSON.stringify(file)}\n`);
const weights = LANGUAGES.reduce((n, l) => n + Object.values(file.languages[l].elements).reduce((m, e) => m + (e?.weights.length ?? 0), 0), 0);
console.log(`wrote ${basename(out)}: ${weights} weights, ${LANGUAGES.map((l) => `${file.languages[l].features.length} ${l} features`).join(", ")}`);
