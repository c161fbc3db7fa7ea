/**
 * Sentence-level generalisation of the compliance engine, measured on the blind paraphrase
 * banks (test/eval/paraphrases): for each target, how many positives it finds and how many
 * near-misses it rejects. `tune` may be tuned on; `check`, written by other authors with other
 * names, is the measure of generalisation and is never tuned on.
 * Usage: npm run eval:paraphrases [-- --split tune|check] [-- --language fr|en] [-- --verbose]
 */
import { parseArgs } from "node:util";
import { loadRulePack } from "../src/compliance/rule-pack.ts";
import { readBank, type BankSplit, type ParaphraseBank } from "../test/eval/paraphrase-bank.ts";
import { scoreBank, type TargetScore } from "./paraphrase-metrics.ts";

const { values } = parseArgs({ options: { split: { type: "string" }, language: { type: "string" }, verbose: { type: "boolean" } } });
const splits = (values.split ? [values.split] : ["tune", "check"]) as BankSplit[];
const languages = (values.language ? [values.language] : ["fr", "en"]) as Array<"fr" | "en">;
const pack = loadRulePack();
const fmt = (a: number, b: number) => (b === 0 ? "  -  " : (a / b).toFixed(3));
const summaries: string[] = [];

for (const split of splits) {
  const all: TargetScore[] = [];
  for (const language of languages) {
    const bank = readBank(split, language) as ParaphraseBank;
    const { outcomes, targets } = scoreBank(bank, pack);
    console.log(`\n${split}-${language}: ${bank.items.length} utterances (rule pack ${pack.version})`);
    console.log("| target | positives found | near-misses rejected | accuracy |");
    console.log("|---|---|---|---|");
    for (const t of targets) {
      console.log(`| ${t.target} | ${t.positivesFound}/${t.positives} (${fmt(t.positivesFound, t.positives)}) | ${t.nearMissesRejected}/${t.nearMisses} (${fmt(t.nearMissesRejected, t.nearMisses)}) | ${fmt(t.positivesFound + t.nearMissesRejected, t.positives + t.nearMisses)} |`);
    }
    if (values.verbose) {
      for (const o of outcomes.filter((x) => !x.ok)) {
        console.log(`  ${o.item.target} expected ${String(o.item.expect)}, got ${String(o.got)}: "${o.item.text}"${o.evidence ? ` [${o.evidence}]` : ""}`);
      }
    }
    all.push(...targets);
  }
  const sum = (k: keyof Omit<TargetScore, "target">) => all.reduce((n, t) => n + t[k], 0);
  summaries.push(
    `${split}: positives found ${fmt(sum("positivesFound"), sum("positives"))} (${sum("positivesFound")}/${sum("positives")}), ` +
      `near-misses rejected ${fmt(sum("nearMissesRejected"), sum("nearMisses"))} (${sum("nearMissesRejected")}/${sum("nearMisses")}), ` +
      `accuracy ${fmt(sum("positivesFound") + sum("nearMissesRejected"), sum("positives") + sum("nearMisses"))}`,
  );
}
console.log(`\n${summaries.join("\n")}`);
