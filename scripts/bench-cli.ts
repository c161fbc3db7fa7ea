/**
 * The analyze CLI on a batch of transcripts, end to end (start, rule pack, reading, analysis,
 * JSON out), against the engine alone in this process on the same transcripts: what a user
 * running `npm run analyze -- --json <folder>` gets of the engine's speed.
 * Input: the 2,064 eval transcripts (test/eval/dev and heldout), as the files they are.
 * Each CLI run is timed three times and the median kept (this shared host's speed drifts);
 * a run on one file gives the fixed cost (node, tsx, loading and compiling the rule pack).
 * Usage: npx tsx scripts/bench-cli.ts
 */
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { analyzeCall } from "../src/compliance/analyze.ts";
import { loadRulePack } from "../src/compliance/rule-pack.ts";
import { resolveSettings } from "../src/compliance/settings.ts";
import { readEvalSplit, type EvalCase } from "../test/eval/eval-case.ts";

const FOLDERS = ["test/eval/dev", "test/eval/heldout"];
const RUNS = 3;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Seconds of one CLI run, its JSON output parsed to check that every input got a report. */
function cliSeconds(args: string[], expected: number): number {
  const started = performance.now();
  const out = execFileSync(process.execPath, ["--import", "tsx", "src/cli/analyze.ts", "--json", ...args], { maxBuffer: 1 << 30, encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  const reports = JSON.parse(out) as Array<{ error?: unknown }>;
  if (reports.length !== expected || reports.some((r) => r.error)) throw new Error(`the CLI gave ${reports.length} reports for ${expected} inputs, or errors`);
  return seconds;
}

const files = FOLDERS.flatMap((f) => readdirSync(f).filter((n) => n.endsWith(".json")).map((n) => join(f, n)));
const one = median(Array.from({ length: RUNS }, () => cliSeconds([files[0]!], 1)));
const batch = median(Array.from({ length: RUNS }, () => cliSeconds(FOLDERS, files.length)));

const pack = loadRulePack();
const inputs = [...readEvalSplit("dev"), ...readEvalSplit("heldout")].map((f) => f.json as EvalCase).map((c) => ({ transcript: { utterances: c.utterances, origin: "transcript" as const }, settings: resolveSettings(c.settings) }));
const rounds = Array.from({ length: RUNS + 1 }, () => {
  const started = performance.now();
  for (const i of inputs) analyzeCall(i.transcript, i.settings, pack);
  return (performance.now() - started) / 1000;
});
const firstRound = rounds[0]!;
const warm = median(rounds.slice(1));

const cliRate = files.length / (batch - one);
console.log(`CLI on one file: ${one.toFixed(2)} s (node, tsx, rule pack load + compile)`);
console.log(`CLI on ${files.length} transcripts: ${batch.toFixed(2)} s, ${(files.length / batch).toFixed(0)} transcripts/s in all, ${cliRate.toFixed(0)}/s beyond the one-file run`);
console.log(`engine alone in this process: first pass ${(files.length / firstRound).toFixed(0)}/s (the JIT warming up, as in the CLI), later passes ${(files.length / warm).toFixed(0)}/s`);
console.log(`CLI beyond its start / engine's first pass: ${(cliRate / (files.length / firstRound)).toFixed(2)}`);
