/** The project's side of scripts/bench-asr.ts, in its own process: model load + transcription. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createAsrEngine } from "../src/asr/engine.ts";
import { decodeAudio } from "../src/audio/decode.ts";
import { transcribeRecording } from "../src/pipeline/transcribe-recording.ts";

const [mode, model, threads, work] = process.argv.slice(2) as [string, string, string, string];
const start = performance.now();
const asr = createAsrEngine({ modelPath: model, threads: Number(threads) });
let detail: string;
if (mode === "jfk") {
  const samples = (await decodeAudio(new Uint8Array(readFileSync(join(work, "jfk.wav"))))).channels[0]!;
  detail = (await asr.transcribe(samples, "en")).segments.map((s) => s.text).join(" ");
} else {
  const transcript = await transcribeRecording(new Uint8Array(readFileSync(join(work, "call-5min.wav"))), { language: "en", agentChannel: "left", asr });
  detail = `${transcript.utterances.length} utterances`;
}
const seconds = (performance.now() - start) / 1000;
await asr.free();
console.log(JSON.stringify({ seconds, peakMiB: process.resourceUsage().maxRSS / 1024, detail }));
