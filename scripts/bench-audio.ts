/**
 * Speed of the audio stage on a typical call-centre recording: 5 minutes, stereo (agent left,
 * customer right), 8 kHz, as 16-bit PCM and as G.711 mu-law WAV. Prints each step's time and
 * its speed as a multiple of real time. Run: npx tsx scripts/bench-audio.ts
 */
import { readFileSync } from "node:fs";
import wavefile from "wavefile";
import { decodeAudio } from "../src/audio/decode.js";
import { prepareForAsr } from "../src/audio/prepare.js";
import { detectSpeech } from "../src/audio/vad.js";

const CALL_SEC = 300;
const RATE = 8000;
const RUNS = 3;

/** Turns of the espeak-ng fixture sentence, alternating between the channels, over line hiss. */
async function syntheticCall(): Promise<Int16Array[]> {
  const fixture = new URL("../test/audio/fixtures/speech-fr-telephone-8000.wav", import.meta.url);
  const [sentence] = (await decodeAudio(new Uint8Array(readFileSync(fixture)))).channels;
  const channels = [new Int16Array(CALL_SEC * RATE), new Int16Array(CALL_SEC * RATE)];
  let seed = 1;
  for (const channel of channels) {
    for (let i = 0; i < channel.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      channel[i] = (seed >>> 16) % 60 - 30;
    }
  }
  for (let turn = 0, at = RATE; at + sentence!.length < CALL_SEC * RATE; turn++, at += sentence!.length + RATE) {
    const channel = channels[turn % 2]!;
    sentence!.forEach((x, i) => (channel[at + i] = channel[at + i]! + Math.round(x * 20000)));
  }
  return channels;
}

async function timed<T>(run: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    result = await run();
    times.push(performance.now() - start);
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)]!, result };
}

function report(step: string, ms: number): void {
  console.log(`${step.padEnd(44)} ${ms.toFixed(0).padStart(6)} ms   ${((CALL_SEC * 1000) / ms).toFixed(0).padStart(5)}x real time`);
}

const channels = await syntheticCall();
const pcm = new wavefile.WaveFile();
pcm.fromScratch(2, RATE, "16", channels);
const mulaw = new wavefile.WaveFile();
mulaw.fromScratch(2, RATE, "16", channels);
mulaw.toMuLaw();

console.log(`5-minute stereo 8 kHz call, median of ${RUNS} runs (${process.version}, ${process.arch})`);
for (const [name, bytes] of [["PCM 16-bit", pcm.toBuffer()], ["G.711 mu-law", mulaw.toBuffer()]] as const) {
  report(`decode (${name})`, (await timed(() => decodeAudio(bytes))).ms);
  const prepared = await timed(() => prepareForAsr(bytes));
  report(`decode + resample to 16 kHz (${name})`, prepared.ms);
  const vad = await timed(() => prepared.result.channels.map((channel) => detectSpeech(channel)));
  report(`voice activity detection, both channels`, vad.ms);
  const regions = vad.result.map((r) => r.length).join(" + ");
  console.log(`  ${prepared.result.channels.length} channels at 16 kHz, speech regions: ${regions}`);
}
