/**
 * Throughput of the pure compliance engine: transcripts per second on one core, and the
 * speed-up over real time (call audio seconds analyzed per second of compute). Then the same
 * on every core at once, one worker thread per core: the engine shares no state between
 * analyses, so a batch scales with cores.
 * Input: every transcript of the evaluation set, analyzed round after round for ~5 s.
 * Usage: npm run bench:engine
 */
import { availableParallelism } from "node:os";
import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { analyzeCall } from "../src/compliance/analyze.ts";
import { loadRulePack } from "../src/compliance/rule-pack.ts";
import { resolveSettings } from "../src/compliance/settings.ts";
import { readEvalSplit, type EvalCase } from "../test/eval/eval-case.ts";

const RUN_MS = 5000;

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

/** Rounds of the whole input set analyzed in about `ms` milliseconds, after a warm-up round (JIT). */
function run(ms: number): { rounds: number; elapsedS: number } {
  for (const i of inputs) analyzeCall(i.transcript, i.settings, pack);
  let rounds = 0;
  const started = performance.now();
  while (performance.now() - started < ms) {
    for (const i of inputs) analyzeCall(i.transcript, i.settings, pack);
    rounds++;
  }
  return { rounds, elapsedS: (performance.now() - started) / 1000 };
}

if (!isMainThread) {
  parentPort!.postMessage(run(RUN_MS));
} else {
  const { rounds, elapsedS } = run(RUN_MS);
  const transcripts = rounds * inputs.length;
  console.log(`rule pack load + compile: ${loadMs.toFixed(1)} ms`);
  console.log(`${transcripts} transcripts (${rounds} rounds of ${inputs.length}, ${utterancesPerRound} utterances, ${secondsPerRound.toFixed(0)} s of calls per round) in ${elapsedS.toFixed(2)} s`);
  console.log(`throughput: ${(transcripts / elapsedS).toFixed(0)} transcripts/s, ${((rounds * utterancesPerRound) / elapsedS).toFixed(0)} utterances/s on one core`);
  console.log(`speed vs real time: ${((rounds * secondsPerRound) / elapsedS).toFixed(0)}x (call seconds analyzed per second)`);

  const cores = availableParallelism();
  const results = await Promise.all(
    Array.from({ length: cores }, () => new Promise<{ rounds: number; elapsedS: number }>((resolve, reject) => {
      // Worker threads do not inherit tsx's loader: each registers it before importing this file.
      const entry = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(import.meta.url)}); })`;
      const worker = new Worker(entry, { eval: true });
      worker.once("message", (r: { rounds: number; elapsedS: number }) => {
        resolve(r);
        void worker.terminate();
      });
      worker.once("error", reject);
    })),
  );
  const perSecond = results.reduce((sum, r) => sum + (r.rounds * inputs.length) / r.elapsedS, 0);
  console.log(`all ${cores} cores, one worker thread each: ${perSecond.toFixed(0)} transcripts/s (${(perSecond / (transcripts / elapsedS)).toFixed(2)}x one core)`);
}
