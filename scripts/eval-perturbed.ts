/**
 * Robustness of the compliance engine to ASR-like text, measured on the dev half of the labelled
 * set: every utterance rewritten by one label-preserving perturbation family at a time
 * (test/eval/perturb.ts), then scored with the same metrics as eval-accuracy.ts. Only the dev
 * half: the held-out half is for reporting, never for tuning, and this script is a tuning aid.
 * Usage: npm run eval:perturbed [-- --family lowercase-nopunct|numbers-as-words|split-names|fillers|all] [-- --verbose] [-- --show ID]
 */
import { parseArgs } from "node:util";
import { loadRulePack } from "../src/compliance/rule-pack.ts";
import { readEvalSplit, type EvalCase } from "../test/eval/eval-case.ts";
import { PERTURBATION_FAMILIES, perturbCase, type PerturbationFamily } from "../test/eval/perturb.ts";
import { printScores, scoreCases, summaryLine } from "./eval-metrics.ts";

const { values } = parseArgs({ options: { family: { type: "string", multiple: true }, verbose: { type: "boolean" }, show: { type: "string" } } });
const families = (values.family ?? [...PERTURBATION_FAMILIES]) as PerturbationFamily[];
for (const f of families) {
  if (!PERTURBATION_FAMILIES.includes(f)) throw new Error(`unknown family ${f}; one of ${PERTURBATION_FAMILIES.join(", ")}`);
}
const pack = loadRulePack();
const cases = readEvalSplit("dev").map((f) => f.json as EvalCase);
const summaries: string[] = [];
for (const family of families) {
  const perturbed = cases.map((c) => perturbCase(c, family));
  if (values.show) {
    // The perturbed text of one call, to see what the engine was given.
    for (const u of perturbed.find((c) => c.id === values.show)?.utterances ?? []) console.log(`  [${family}] ${u.speaker}: ${u.text}`);
  }
  const scores = scoreCases(perturbed, pack, values.verbose ? (line) => console.log(line) : undefined);
  printScores(`dev, ${family}`, scores);
  summaries.push(summaryLine(family.padEnd(17), scores));
}
console.log(`\n${summaries.join("\n")}`);
