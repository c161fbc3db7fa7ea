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
import { scoreBank, type ItemOutcome, type TargetScore } from "./paraphrase-metrics.ts";

const { values } = parseArgs({ options: { split: { type: "string" }, language: { type: "string" }, verbose: { type: "boolean" } } });
const splits = (values.split ? [values.split] : ["tune", "check"]) as BankSplit[];
const languages = (values.language ? [values.language] : ["fr", "en"]) as Array<"fr" | "en">;
const pack = loadRulePack();
const fmt = (a: number, b: number) => (b === 0 ? "  -  " : (a / b).toFixed(3));
const summaries: string[] = [];

for (const split of splits) {
  const all: TargetScore[] = [];
  for (const language of languages) {
    const banks = readBanks(split, language).map((b) => b.json as ParaphraseBank);
    const scored = banks.map((bank) => scoreBank(bank, pack));
    const outcomes: ItemOutcome[] = scored.flatMap((s) => s.outcomes);
    const targets = scored[0]!.targets.map((t, i) => ({
      target: t.target,
      positives: scored.reduce((n, s) => n + s.targets[i]!.positives, 0),
      positivesFound: scored.reduce((n, s) => n + s.targets[i]!.positivesFound, 0),
      nearMisses: scored.reduce((n, s) => n + s.targets[i]!.nearMisses, 0),
      nearMissesRejected: scored.reduce((n, s) => n + s.targets[i]!.nearMissesRejected, 0),
    }));
    console.log(`\n${split}-${language}: ${banks.length} banks, ${outcomes.length} utterances (rule pack ${pack.version})`);
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
