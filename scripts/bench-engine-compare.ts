/**
 * The compliance engine of this working tree against the engine of another git revision, run in
 * one process, chunk by chunk: each chunk of 50 eval transcripts is analyzed by one engine then
 * the other (which goes first alternates), and the times are summed per round. This shared
 * machine's speed drifts by a fifth within minutes, so engines timed in separate runs, even
 * side by side, are not comparable; the drift hits both halves of a chunk alike. Each engine
 * reads its own rule pack.
 * Within one process, the engine loaded second may run faster (the same engine against itself
 * read 1.02 to 1.06; two engines differed by up to 9% between the two orders), so the comparison
 * runs twice, in two processes, once with each engine loaded first, and the figure is the
 * geometric mean of the two.
 * Usage: npm run bench:engine:compare -- <revision> [rounds per process, default 3]
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { analyzeCall as AnalyzeCall } from "../src/compliance/analyze.ts";
import type { loadRulePack as LoadRulePack } from "../src/compliance/rule-pack.ts";
import type { resolveSettings as ResolveSettings } from "../src/compliance/settings.ts";
import { readEvalSplit, type EvalCase } from "../test/eval/eval-case.ts";

const CHUNK = 50;

interface Engine {
  analyzeCall: typeof AnalyzeCall;
  loadRulePack: typeof LoadRulePack;
  resolveSettings: typeof ResolveSettings;
}

async function engineAt(root: string): Promise<Engine> {
  const load = (path: string) => import(pathToFileURL(join(root, path)).href);
  const [{ analyzeCall }, { loadRulePack }, { resolveSettings }] = await Promise.all([
    load("src/compliance/analyze.ts"),
    load("src/compliance/rule-pack.ts"),
    load("src/compliance/settings.ts"),
  ]);
  return { analyzeCall, loadRulePack, resolveSettings };
}

/** A function that analyzes transcripts [from, to) with the engine and returns the milliseconds it took. */
function timer(engine: Engine, root: string, cases: EvalCase[]): (from: number, to: number) => number {
  const pack = engine.loadRulePack(join(root, "rule-packs/telemarketing-fr-en.json"));
  const inputs = cases.map((c) => ({ transcript: { utterances: c.utterances, origin: "transcript" as const }, settings: engine.resolveSettings(c.settings) }));
  return (from, to) => {
    const start = performance.now();
    for (let i = from; i < to; i++) engine.analyzeCall(inputs[i]!.transcript, inputs[i]!.settings, pack);
    return performance.now() - start;
  };
}

interface Measure {
  /** Per round, the revision's time over this tree's. */
  ratios: number[];
  baseMs: number;
  currentMs: number;
  transcripts: number;
}

/** One process's comparison: the engines at `baseRoot` and `currentRoot`, the one named by `first` loaded first. */
async function measure(baseRoot: string, currentRoot: string, first: "base" | "current", rounds: number): Promise<Measure> {
  const cases = [...readEvalSplit("dev"), ...readEvalSplit("heldout")].map((f) => f.json as EvalCase);
  const firstRoot = first === "base" ? baseRoot : currentRoot;
  const secondRoot = first === "base" ? currentRoot : baseRoot;
  const loadedFirst = timer(await engineAt(firstRoot), firstRoot, cases);
  const loadedSecond = timer(await engineAt(secondRoot), secondRoot, cases);
  const [baseline, current] = first === "base" ? [loadedFirst, loadedSecond] : [loadedSecond, loadedFirst];
  // A warm-up round each (JIT).
  baseline(0, cases.length);
  current(0, cases.length);
  const ratios: number[] = [];
  let baseMs = 0;
  let currentMs = 0;
  let chunk = 0;
  for (let round = 0; round < rounds; round++) {
    let roundBase = 0;
    let roundCurrent = 0;
    for (let from = 0; from < cases.length; from += CHUNK, chunk++) {
      const to = Math.min(cases.length, from + CHUNK);
      if (chunk % 2 === 0) {
        roundBase += baseline(from, to);
        roundCurrent += current(from, to);
      } else {
        roundCurrent += current(from, to);
        roundBase += baseline(from, to);
      }
    }
    ratios.push(roundBase / roundCurrent);
    baseMs += roundBase;
    currentMs += roundCurrent;
  }
  return { ratios, baseMs, currentMs, transcripts: cases.length * rounds };
}

const [command, ...args] = process.argv.slice(2);
if (command === "--child") {
  // One process of the pair: prints its measure as JSON.
  const [baseRoot, currentRoot, first, rounds] = args;
  console.log(JSON.stringify(await measure(baseRoot!, currentRoot!, first as "base" | "current", Number(rounds))));
} else {
  const revision = command;
  if (!revision) {
    console.error("usage: npm run bench:engine:compare -- <revision> [rounds per process]");
    process.exit(2);
  }
  const rounds = Number(args[0] ?? 3);
  const here = resolve(".");
  const base = mkdtempSync(join(tmpdir(), "engine-base-"));
  try {
    execFileSync("git", ["worktree", "add", "--detach", "-q", base, revision], { stdio: "inherit" });
    symlinkSync(join(here, "node_modules"), join(base, "node_modules"));
    const child = (first: "base" | "current"): Measure =>
      JSON.parse(execFileSync(process.execPath, [...process.execArgv, process.argv[1]!, "--child", base, here, first, String(rounds)], { encoding: "utf8" })) as Measure;
    const measures = { base: child("base"), current: child("current") };
    const perSecond = (transcripts: number, ms: number) => (transcripts / (ms / 1000)).toFixed(0);
    console.log(`2 processes x ${rounds} rounds of the eval transcripts, interleaved in chunks of ${CHUNK}`);
    for (const [first, m] of Object.entries(measures)) {
      const label = first === "base" ? `${revision} loaded first` : "this tree loaded first";
      console.log(`${label}: ${revision} ${perSecond(m.transcripts, m.baseMs)}/s, this tree ${perSecond(m.transcripts, m.currentMs)}/s, ratio ${(m.baseMs / m.currentMs).toFixed(3)} (rounds ${m.ratios.map((r) => r.toFixed(3)).join(", ")})`);
    }
    const ratio = Math.sqrt((measures.base.baseMs / measures.base.currentMs) * (measures.current.baseMs / measures.current.currentMs));
    console.log(`this tree / ${revision}: ${ratio.toFixed(3)}x (geometric mean of both load orders)`);
  } finally {
    execFileSync("git", ["worktree", "remove", "--force", base]);
    rmSync(base, { recursive: true, force: true });
  }
}
