/**
 * Whisper's reduced audio context for short live utterances: time and word error rate per
 * utterance against the full 30 s window, on the agent lines of dev calls spoken by espeak-ng.
 * Usage: tsx scripts/bench-live-audio-ctx.ts [--model models/ggml-base-q8_0.bin] [--policies full,1:768,1:512] [--lines 6] [--cases dev-fr-001,dev-en-001]
 *   policy "M:F": margin M seconds after the speech, at least F encoder frames (1500 = 30 s).
 */
import { parseArgs } from "node:util";
import { WhisperUtteranceTranscriber, type AudioContextPolicy } from "../src/live/whisper-transcriber.ts";
import { devCases } from "../test/live/eval-replay.ts";
import { synthesizeCall } from "../test/live/speech.ts";

const { values } = parseArgs({
  options: {
    model: { type: "string", default: "models/ggml-base-q8_0.bin" },
    policies: { type: "string", default: "full,1:768,1:512" },
    lines: { type: "string", default: "6" },
    cases: { type: "string", default: "dev-fr-001,dev-en-001" },
  },
});

const words = (s: string) => s.toLowerCase().normalize("NFC").replace(/[^\p{L}\p{N}' ]/gu, " ").split(/\s+/).filter(Boolean);

/** Word-level edit distance over the reference length. */
function wordErrorRate(reference: string, hypothesis: string): number {
  const r = words(reference);
  const h = words(hypothesis);
  let previous = Array.from({ length: h.length + 1 }, (_, j) => j);
  for (let i = 1; i <= r.length; i++) {
    const row = [i];
    for (let j = 1; j <= h.length; j++) row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (r[i - 1] === h[j - 1] ? 0 : 1));
    previous = row;
  }
  return previous[h.length]! / Math.max(1, r.length);
}

const wanted = values.cases.split(",");
const utterances: Array<{ text: string; samples: Float32Array; language: "fr" | "en" }> = [];
for (const c of devCases().filter((x) => wanted.includes(x.id))) {
  const lines = c.utterances.filter((u) => u.speaker === "agent").slice(0, Number(values.lines)).map((u) => ({ speaker: "agent" as const, text: u.text }));
  const call = await synthesizeCall(lines, c.settings.language, 0, 0);
  for (const line of call.lines) utterances.push({ text: line.text, samples: call.agent.slice(Math.round(line.start * 16000), Math.round(line.end * 16000)), language: c.settings.language });
}

for (const name of values.policies.split(",")) {
  const [margin, frames] = name.split(":").map(Number);
  const policy: AudioContextPolicy = name === "full" ? { marginSec: null, minFrames: 0 } : { marginSec: margin!, minFrames: frames! };
  const transcriber = new WhisperUtteranceTranscriber({ modelPath: values.model, threads: 2, audioContext: policy });
  await transcriber.transcribe(utterances[0]!.samples, utterances[0]!.language); // load the model
  const times: number[] = [];
  let errors = 0;
  for (const u of utterances) {
    const t0 = performance.now();
    const heard = await transcriber.transcribe(u.samples, u.language);
    times.push(performance.now() - t0);
    errors += wordErrorRate(u.text, heard.text);
  }
  await transcriber.close();
  times.sort((a, b) => a - b);
  const seconds = utterances.reduce((s, u) => s + u.samples.length / 16000, 0) / utterances.length;
  console.log(`${name.padEnd(6)} mean WER ${(errors / utterances.length).toFixed(3)}  median ${times[times.length >> 1]!.toFixed(0)} ms  max ${times.at(-1)!.toFixed(0)} ms per utterance (${utterances.length} utterances, mean ${seconds.toFixed(1)} s)`);
}
