/**
 * Throughput of the pure compliance engine: transcripts per second on one core, and the
 * speed-up over real time (call audio seconds analyzed per second of compute).
 * Input: every transcript of the evaluation set, analyzed round after round for ~5 s.
 * Usage: npm run bench:engine
 */
import { analyzeCall } from "../src/compliance/analyze.ts";
import { loadRulePack } from "../src/compliance/rule-pack.ts";
import { resolveSettings } from "../src/compliance/settings.ts";
import { readEvalSplit, type EvalCase } from "../test/eval/eval-case.ts";

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

for (const i of inputs) analyzeCall(i.transcript, i.settings, pack); // warm-up (JIT)

let rounds = 0;
const started = performance.now();
while (performance.now() - started < 5000) {
  for (const i of inputs) analyzeCall(i.transcript, i.settings, pack);
  rounds++;
}
const elapsedS = (performance.now() - started) / 1000;
const transcripts = rounds * inputs.length;
console.log(`rule pack load + compile: ${loadMs.toFixed(1)} ms`);
console.log(`${transcripts} transcripts (${rounds} rounds of ${inputs.length}, ${utterancesPerRound} utterances, ${secondsPerRound.toFixed(0)} s of calls per round) in ${elapsedS.toFixed(2)} s`);
console.log(`throughput: ${(transcripts / elapsedS).toFixed(0)} transcripts/s, ${((rounds * utterancesPerRound) / elapsedS).toFixed(0)} utterances/s on one core`);
console.log(`speed vs real time: ${((rounds * secondsPerRound) / elapsedS).toFixed(0)}x (call seconds analyzed per second)`);
