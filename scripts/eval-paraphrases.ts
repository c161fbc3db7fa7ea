/**
 * Sentence-level generalisation of the compliance engine, measured on the blind paraphrase
 * banks (test/eval/paraphrases): for each target, how many positives it finds and how many
 * near-misses it rejects. `tune` may be tuned on; `check`, written by other authors with other
 * names, is the measure of generalisation and is never tuned on.
 * Usage: npm run eval:paraphrases [-- --split tune|check] [-- --language fr|en] [-- --verbose]
 */
import { parseArgs } from "node:util";
import { loadRulePack } from "../src/compliance/rule-pack.ts";
import { readBanks, type BankSplit, type ParaphraseBank } from "../test/eval/paraphrase-bank.ts";
import { scoreBank, tallyTargets, type ItemOutcome, type TargetScore } from "./paraphrase-metrics.ts";

const { values } = parseArgs({ options: { split: { type: "string" }, language: { type: "string" }, verbose: { type: "boolean" } } });
const splits = (values.split ? [values.split] : ["tune", "check"]) as BankSplit[];
const languages = (values.language ? [values.language] : ["fr", "en"]) as Array<"fr" | "en">;
const pack = loadRulePack();
const fmt = (a: number, b: number) => (b === 0 ? "  -  " : (a / b).toFixed(3));
const summaries: string[] = [];

const ratio = (found: number, total: number) => `${fmt(found, total)} (${found}/${total})`;

for (const split of splits) {
  const splitOutcomes: ItemOutcome[] = [];
  for (const language of languages) {
    const banks = readBanks(split, language).map((b) => b.json as ParaphraseBank);
    const outcomes = banks.flatMap((bank) => scoreBank(bank, pack));
    console.log(`\n${split}-${language}: ${banks.length} banks, ${outcomes.length} utterances (rule pack ${pack.version})`);
    console.log("| target | positives found | near-misses rejected | accuracy |");
    console.log("|---|---|---|---|");
    for (const t of tallyTargets(outcomes)) {
      console.log(`| ${t.target} | ${t.positivesFound}/${t.positives} (${fmt(t.positivesFound, t.positives)}) | ${t.nearMissesRejected}/${t.nearMisses} (${fmt(t.nearMissesRejected, t.nearMisses)}) | ${fmt(t.positivesFound + t.nearMissesRejected, t.positives + t.nearMisses)} |`);
    }
    if (values.verbose) {
      for (const o of outcomes.filter((x) => !x.ok)) {
        console.log(`  ${o.item.target} expected ${String(o.item.expect)}, got ${String(o.got)}: "${o.item.text}"${o.evidence ? ` [${o.evidence}]` : ""}`);
      }
    }
    splitOutcomes.push(...outcomes);
  }
  const all = tallyTargets(splitOutcomes);
  const sum = (k: keyof Omit<TargetScore, "target">) => all.reduce((n, t) => n + t[k], 0);
  summaries.push(
    `${split}: positives found ${ratio(sum("positivesFound"), sum("positives"))}, ` +
      `near-misses rejected ${ratio(sum("nearMissesRejected"), sum("nearMisses"))}, ` +
      `accuracy ${fmt(sum("positivesFound") + sum("nearMissesRejected"), sum("positives") + sum("nearMisses"))}`,
  );
}
console.log(`\n${summaries.join("\n")}`);
