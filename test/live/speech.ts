// Speech for audio-mode tests: espeak-ng lines laid out on an agent and a customer track.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import wavefile from "wavefile";
import { resampleTo16k } from "../../src/audio/resample.ts";

export interface SpokenLine {
  speaker: "agent" | "customer";
  text: string;
}

export interface TwoTrackCall {
  sampleRate: number;
  agent: Float32Array;
  customer: Float32Array;
  /** Where each line lies on its track (s). */
  lines: Array<SpokenLine & { start: number; end: number }>;
}

function speak(text: string, voice: string, dir: string): { samples: Float32Array; rate: number } {
  const file = path.join(dir, "line.wav");
  execFileSync("espeak-ng", ["-v", voice, "-s", "150", "-w", file, text]);
  const wav = new wavefile.WaveFile(fs.readFileSync(file));
  const pcm = wav.getSamples(false, Int16Array) as unknown as Int16Array;
  const samples = Float32Array.from(pcm, (s) => s / 32768);
  let first = 0;
  let last = samples.length;
  while (first < last && Math.abs(samples[first]!) < 0.002) first++;
  while (last > first && Math.abs(samples[last - 1]!) < 0.002) last--;
  return { samples: samples.subarray(first, last), rate: (wav.fmt as { sampleRate: number }).sampleRate };
}

/** Lines one after the other with `gapSec` of silence between turns, each on its speaker's track, at 16 kHz. */
export async function synthesizeCall(lines: SpokenLine[], language: "fr" | "en", gapSec = 0.8, tailSec = 1.5): Promise<TwoTrackCall> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "live-speech-"));
  try {
    const voices = { agent: `${language}+m3`, customer: `${language}+f2` };
    const spoken = [];
    for (const line of lines) {
      const { samples, rate } = speak(line.text, voices[line.speaker], dir);
      spoken.push({ line, samples: await resampleTo16k(samples, rate) });
    }
    const rate = 16000;
    const total = Math.ceil((gapSec + spoken.reduce((s, x) => s + x.samples.length / rate + gapSec, 0) + tailSec) * rate);
    const tracks = { agent: new Float32Array(total), customer: new Float32Array(total) };
    const laid = [];
    let at = Math.round(gapSec * rate);
    for (const { line, samples } of spoken) {
      tracks[line.speaker].set(samples, at);
      laid.push({ ...line, start: at / rate, end: (at + samples.length) / rate });
      at += samples.length + Math.round(gapSec * rate);
    }
    return { sampleRate: rate, ...tracks, lines: laid };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
