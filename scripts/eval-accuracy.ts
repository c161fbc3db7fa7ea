/**
 * Per-element precision and recall of the compliance engine on the labelled evaluation set,
 * for each half (dev: tuned on; heldout: written first, never tuned on).
 * A "positive" is a non-compliance finding (missing, late or violated): precision says how
 * many flagged elements were really at fault, recall how many faults were flagged.
 * Usage: npm run eval [-- --split dev|heldout] [-- --verbose]
 */
import { parseArgs } from "node:util";
import { analyzeCall } from "../src/compliance/analyze.ts";
import { loadRulePack, ELEMENT_IDS } from "../src/compliance/rule-pack.ts";
import { resolveSettings } from "../src/compliance/settings.ts";
import type { ElementId, ElementStatus } from "../src/compliance/types.ts";
import { readEvalSplit, type EvalCase, type EvalSplit } from "../test/eval/eval-case.ts";

const FAULT = new Set<ElementStatus>(["missing", "late", "violated"]);

interface Counts {
  tp: number;
  fp: number;
  fn: number;
  exact: number;
  total: number;
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);
const fmt = (x: number) => (Number.isNaN(x) ? "  -  " : x.toFixed(3));

function evaluate(split: EvalSplit, verbose: boolean) {
  const pack = loadRulePack();
  const cases = readEvalSplit(split).map((f) => f.json as EvalCase);
  const perElement = new Map<ElementId, Counts>(ELEMENT_IDS.map((id) => [id, { tp: 0, fp: 0, fn: 0, exact: 0, total: 0 }]));
  let verdictOk = 0;
  let pitchOk = 0;
  const started = performance.now();
  for (const c of cases) {
    const result = analyzeCall({ utterances: c.utterances, origin: "transcript" }, resolveSettings(c.settings), pack);
    if (result.verdict === c.expected.verdict) verdictOk++;
    else if (verbose) console.log(`  ${c.id}: verdict ${result.verdict}, expected ${c.expected.verdict}`);
    if ((result.pitchOnset?.utteranceIndex ?? null) === c.expected.pitchUtterance) pitchOk++;
    else if (verbose) console.log(`  ${c.id}: pitch at ${result.pitchOnset?.utteranceIndex ?? null}, expected ${c.expected.pitchUtterance}`);
    for (const finding of result.elements) {
      const expected = c.expected.elements[finding.id];
      const counts = perElement.get(finding.id)!;
      counts.total++;
      if (finding.status === expected) counts.exact++;
      else if (verbose) console.log(`  ${c.id}: ${finding.id} ${finding.status}, expected ${expected}${finding.evidence ? ` ("${finding.evidence.text}" / ${finding.evidence.cue})` : ""}`);
      const predicted = FAULT.has(finding.status);
      const actual = FAULT.has(expected);
      if (predicted && actual) counts.tp++;
      else if (predicted) counts.fp++;
      else if (actual) counts.fn++;
    }
  }
  const elapsed = performance.now() - started;
  const total: Counts = { tp: 0, fp: 0, fn: 0, exact: 0, total: 0 };
  console.log(`\n${split}: ${cases.length} transcripts, verdict accuracy ${fmt(verdictOk / cases.length)}, pitch onset accuracy ${fmt(pitchOk / cases.length)}`);
  console.log("| element | precision | recall | status accuracy | faults |");
  console.log("|---|---|---|---|---|");
  for (const [id, c] of perElement) {
    for (const k of Object.keys(total) as Array<keyof Counts>) total[k] += c[k];
    console.log(`| ${id} | ${fmt(ratio(c.tp, c.tp + c.fp))} | ${fmt(ratio(c.tp, c.tp + c.fn))} | ${fmt(c.exact / c.total)} | ${c.tp + c.fn} |`);
  }
  console.log(`| **all** | ${fmt(ratio(total.tp, total.tp + total.fp))} | ${fmt(ratio(total.tp, total.tp + total.fn))} | ${fmt(total.exact / total.total)} | ${total.tp + total.fn} |`);
  console.log(`(${(elapsed / cases.length).toFixed(2)} ms per transcript)`);
}

const { values } = parseArgs({ options: { split: { type: "string" }, verbose: { type: "boolean" } } });
const splits: EvalSplit[] = values.split ? [values.split as EvalSplit] : ["dev", "heldout"];
for (const split of splits) evaluate(split, values.verbose ?? false);
