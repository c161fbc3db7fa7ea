/**
 * Throughput of the pure compliance engine: transcripts per second on one core, and the
 * speed-up over real time (call audio seconds analyzed per second of compute). Then the same
 * on every core at once, one worker thread per core: the engine shares no state between
 * analyses, so a batch scales with cores.
 * Input: every transcript of the evaluation set, analyzed round after round for ~8 s; the figure is
 * the median round (the machine's speed drifts), with the slowest and fastest rounds beside it.
 * Usage: npm run bench:engine
 */
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { analyzeCall } from "../src/compliance/analyze.ts";
import { loadRulePack } from "../src/compliance/rule-pack.ts";
import { resolveSettings } from "../src/compliance/settings.ts";
import { readEvalSplit, type EvalCase } from "../test/eval/eval-case.ts";

const RUN_MS = 8000;

const loadStart = performance.now();
const pack = loadRulePack();
const loadMs = performance.now() - loadStart;
const cases = [...readEvalSplit("dev"), ...readEvalSplit("heldout")].map((f) => f.json as EvalCase);
const inputs = cases.map((c) => ({
  transcript: { utterances: c.utterances, origin: "transcript" as const },
  settings: resolveSettings(c.settings),
  seconds: Math.max(...c.utterances.map((u) => u.end)),
}));
const utterancesPerRound = cases.reduce((n, c) => n + c.utterances.length, 0);
const secondsPerRound = inputs.reduce((s, i) => s + i.seconds, 0);

/** Per round of the whole input set, analyzed again and again for about `ms` milliseconds after a warm-up round (JIT): its seconds. */
function run(ms: number): number[] {
  for (const i of inputs) analyzeCall(i.transcript, i.settings, pack);
  const rounds: number[] = [];
  const started = performance.now();
  while (performance.now() - started < ms) {
    const roundStart = performance.now();
    for (const i of inputs) analyzeCall(i.transcript, i.settings, pack);
    rounds.push((performance.now() - roundStart) / 1000);
  }
  return rounds;
}

/** The median round time: this machine's speed drifts by a fifth from one second to the next (shared host), a mean would carry that. */
function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

if (!isMainThread) {
  parentPort!.postMessage(run(RUN_MS));
} else {
  const rounds = run(RUN_MS);
  const roundS = median(rounds);
  const range = `${(inputs.length / Math.max(...rounds)).toFixed(0)}-${(inputs.length / Math.min(...rounds)).toFixed(0)}`;
  console.log(`rule pack load + compile: ${loadMs.toFixed(1)} ms`);
  console.log(`${rounds.length} rounds of ${inputs.length} transcripts (${utterancesPerRound} utterances, ${secondsPerRound.toFixed(0)} s of calls per round), median round ${(roundS * 1000).toFixed(0)} ms`);
  console.log(`throughput: ${(inputs.length / roundS).toFixed(0)} transcripts/s (rounds ${range}), ${(utterancesPerRound / roundS).toFixed(0)} utterances/s on one core`);
  console.log(`speed vs real time: ${(secondsPerRound / roundS).toFixed(0)}x (call seconds analyzed per second)`);

  const cores = availableParallelism();
  const results = await Promise.all(
    Array.from({ length: cores }, () => new Promise<number[]>((resolve, reject) => {
      // Worker threads do not inherit tsx's loader: each registers it before importing this file.
      const entry = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
      const worker = new Worker(entry, { eval: true });
      worker.once("message", (r: number[]) => {
        resolve(r);
        void worker.terminate();
      });
      worker.once("error", reject);
    })),
  );
  const perSecond = results.reduce((sum, r) => sum + inputs.length / median(r), 0);
  console.log(`all ${cores} cores, one worker thread each: ${perSecond.toFixed(0)} transcripts/s (${(perSecond / (inputs.length / roundS)).toFixed(2)}x one core)`);
}
