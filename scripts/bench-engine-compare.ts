/**
 * The compliance engine of this working tree against the engine of another git revision, run in
 * one process, chunk by chunk: each chunk of 50 eval transcripts is analyzed by one engine then
 * the other (which goes first alternates), and the times are summed per round. This shared
 * machine's speed drifts by a fifth within minutes, so engines timed in separate runs, even
 * side by side, are not comparable; the drift hits both halves of a chunk alike. Each engine
 * reads its own rule pack. The same engine against itself gives 0.97 to 1.03 here.
 * Usage: npm run bench:engine:compare -- <revision> [rounds, default 4]
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

const [revision, roundsArg] = process.argv.slice(2);
if (!revision) {
  console.error("usage: npm run bench:engine:compare -- <revision> [rounds]");
  process.exit(2);
}
const ROUNDS = Number(roundsArg ?? 4);
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

const here = resolve(".");
const base = mkdtempSync(join(tmpdir(), "engine-base-"));
try {
  execFileSync("git", ["worktree", "add", "--detach", "-q", base, revision], { stdio: "inherit" });
  symlinkSync(join(here, "node_modules"), join(base, "node_modules"));
  const cases = [...readEvalSplit("dev"), ...readEvalSplit("heldout")].map((f) => f.json as EvalCase);
  const baseline = timer(await engineAt(base), base, cases);
  const current = timer(await engineAt(here), here, cases);
  // A warm-up round each (JIT).
  baseline(0, cases.length);
  current(0, cases.length);
  const ratios: number[] = [];
  let baseMs = 0;
  let currentMs = 0;
  let chunk = 0;
  for (let round = 0; round < ROUNDS; round++) {
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
  const perSecond = (ms: number) => ((cases.length * ROUNDS) / (ms / 1000)).toFixed(0);
  console.log(`${cases.length} eval transcripts, ${ROUNDS} rounds, interleaved in chunks of ${CHUNK}`);
  console.log(`${revision}: ${perSecond(baseMs)} transcripts/s; this tree: ${perSecond(currentMs)} transcripts/s`);
  console.log(`this tree / ${revision}: ${(baseMs / currentMs).toFixed(3)}x (rounds ${ratios.map((r) => r.toFixed(3)).join(", ")})`);
} finally {
  execFileSync("git", ["worktree", "remove", "--force", base]);
  rmSync(base, { recursive: true, force: true });
}
