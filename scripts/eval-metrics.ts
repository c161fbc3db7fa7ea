/**
 * The accuracy metrics of the compliance engine on labelled calls, shared by `eval-accuracy.ts`
 * (the labelled set as written) and `eval-perturbed.ts` (the same calls with ASR-like noise).
 * A "positive" is a non-compliance finding (missing, late or violated): precision says how
 * many flagged elements were really at fault, recall how many faults were flagged.
 */
import { analyzeCall } from "../src/compliance/analyze.ts";
import { ELEMENT_IDS, type RulePack } from "../src/compliance/rule-pack.ts";
import { resolveSettings } from "../src/compliance/settings.ts";
import type { ElementId, ElementStatus } from "../src/compliance/types.ts";
import type { EvalCase } from "../test/eval/eval-case.ts";

const FAULT = new Set<ElementStatus>(["missing", "late", "violated"]);

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
  exact: number;
  total: number;
}

export interface EvalScores {
  cases: number;
  verdictOk: number;
  pitchOk: number;
  perElement: Map<ElementId, Counts>;
  /** All elements together. */
  total: Counts;
  elapsedMs: number;
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);
export const fmt = (x: number) => (Number.isNaN(x) ? "  -  " : x.toFixed(3));

export const precision = (c: Counts) => ratio(c.tp, c.tp + c.fp);
export const recall = (c: Counts) => ratio(c.tp, c.tp + c.fn);
export const statusAccuracy = (c: Counts) => ratio(c.exact, c.total);

/** Runs the engine on every case and counts its agreements with the labels; `log` hears each disagreement. */
export function scoreCases(cases: EvalCase[], pack: RulePack, log?: (line: string) => void): EvalScores {
  const perElement = new Map<ElementId, Counts>(ELEMENT_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0, exact: 0, total: 0 }]));
  let verdictOk = 0;
  let pitchOk = 0;
  const started = performance.now();
  for (const c of cases) {
    const result = analyzeCall({ utterances: c.utterances, origin: "transcript" }, resolveSettings(c.settings), pack);
    if (result.verdict === c.expected.verdict) verdictOk++;
    else log?.(`  ${c.id}: verdict ${result.verdict}, expected ${c.expected.verdict}`);
    if ((result.pitchOnset?.utteranceIndex ?? null) === c.expected.pitchUtterance) pitchOk++;
    else log?.(`  ${c.id}: pitch at ${result.pitchOnset?.utteranceIndex ?? null}, expected ${c.expected.pitchUtterance}`);
    for (const finding of result.elements) {
      const expected = c.expected.elements[finding.id];
      const counts = perElement.get(finding.id)!;
      counts.total++;
      if (finding.status === expected) counts.exact++;
      else log?.(`  ${c.id}: ${finding.id} ${finding.status}, expected ${expected}${finding.evidence ? ` ("${finding.evidence.text}" / ${finding.evidence.cue})` : ""}`);
      const predicted = FAULT.has(finding.status);
      const actual = FAULT.has(expected);
      if (predicted && actual) counts.tp++;
      else if (predicted) counts.fp++;
      else if (actual) counts.fn++;
    }
  }
  const elapsedMs = performance.now() - started;
  const total: Counts = { tp: 0, fp: 0, fn: 0, exact: 0, total: 0 };
  for (const c of perElement.values()) for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += c[k];
  return { cases: cases.length, verdictOk, pitchOk, perElement, total, elapsedMs };
}

/** The per-element table, headed by verdict and pitch accuracy. */
export function printScores(label: string, s: EvalScores): void {
  console.log(`\n${label}: ${s.cases} transcripts, verdict accuracy ${fmt(s.verdictOk / s.cases)}, pitch onset accuracy ${fmt(s.pitchOk / s.cases)}`);
  console.log("| element | precision | recall | status accuracy | faults |");
  console.log("|---|---|---|---|---|");
  for (const [id, c] of s.perElement) {
    console.log(`| ${id} | ${fmt(precision(c))} | ${fmt(recall(c))} | ${fmt(statusAccuracy(c))} | ${c.tp + c.fn} |`);
  }
  const t = s.total;
  console.log(`| **all** | ${fmt(precision(t))} | ${fmt(recall(t))} | ${fmt(statusAccuracy(t))} | ${t.tp + t.fn} |`);
  console.log(`(${(s.elapsedMs / s.cases).toFixed(2)} ms per transcript)`);
}

/** One line: precision, recall, status, verdict and pitch accuracy. */
export function summaryLine(label: string, s: EvalScores): string {
  const t = s.total;
  return `${label}: precision ${fmt(precision(t))}, recall ${fmt(recall(t))}, status ${fmt(statusAccuracy(t))}, verdict ${fmt(s.verdictOk / s.cases)}, pitch ${fmt(s.pitchOk / s.cases)} (${t.fp} false faults, ${t.fn} missed)`;
}
