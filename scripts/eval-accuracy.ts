/**
 * Per-element precision and recall of the compliance engine on the labelled evaluation set,
 * for each half (dev: tuned on; heldout: written first, never tuned on).
 * A "positive" is a non-compliance finding (missing, late or violated): precision says how
 * many flagged elements were really at fault, recall how many faults were flagged.
 * Usage: npm run eval [-- --split dev|heldout] [-- --verbose]
 */
import { parseArgs } from "node:util";
import { loadRulePack } from "../src/compliance/rule-pack.ts";
import { readEvalSplit, type EvalCase, type EvalSplit } from "../test/eval/eval-case.ts";
import { printScores, scoreCases } from "./eval-metrics.ts";

const { values } = parseArgs({ options: { split: { type: "string" }, verbose: { type: "boolean" } } });
const splits: EvalSplit[] = values.split ? [values.split as EvalSplit] : ["dev", "heldout"];
const pack = loadRulePack();
for (const split of splits) {
  const cases = readEvalSplit(split).map((f) => f.json as EvalCase);
  printScores(split, scoreCases(cases, pack, values.verbose ? (line) => console.log(line) : undefined));
}
