import { readFileSync } from "node:fs";
import wavefile from "wavefile";
import { decodeAudio } from "../../src/audio/decode.ts";
import { resampleTo16k } from "../../src/audio/resample.ts";

const FIXTURES = new URL("../../recordings-fixtures/", import.meta.url);
/** Stereo English fixtures (agent left): turn-taking, pauses and silence as in a real call. */
const CALLS = ["en-01-compliant.wav", "en-02-missing-objection-info.wav", "en-03-missing-recording-notice.wav", "en-04-objection-honoured.wav", "en-07-hang-up-before-pitch.wav"];

/**
 * A 5-minute dual-channel call at 16 kHz, made of the English stereo fixtures end to end
 * (repeated until 5 minutes), as a 16-bit stereo WAV, with each channel's samples.
 */
export async function fiveMinuteCall(seconds = 300): Promise<{ wav: Uint8Array; channels: Float32Array[] }> {
  const total = seconds * 16_000;
  const channels = [new Float32Array(total), new Float32Array(total)];
  let at = 0;
  for (let i = 0; at < total; i++) {
    const decoded = await decodeAudio(new Uint8Array(readFileSync(new URL(CALLS[i % CALLS.length]!, FIXTURES))));
    const parts = await Promise.all(decoded.channels.map((c) => resampleTo16k(c, decoded.sampleRate)));
    const length = Math.min(parts[0]!.length, total - at);
    channels.forEach((channel, c) => channel.set(parts[c]!.subarray(0, length), at));
    at += length;
  }
  const wav = new wavefile.WaveFile();
  const pcm = channels.map((c) => Int16Array.from(c, (x) => Math.max(-32768, Math.min(32767, Math.round(x * 32767)))));
  wav.fromScratch(2, 16_000, "16", pcm);
  return { wav: wav.toBuffer(), channels };
}

/** One channel as a 16 kHz mono 16-bit WAV (what whisper.cpp's CLI reads). */
export function monoWav(samples: Float32Array): Uint8Array {
  const wav = new wavefile.WaveFile();
  wav.fromScratch(1, 16_000, "16", Int16Array.from(samples, (x) => Math.max(-32768, Math.min(32767, Math.round(x * 32767)))));
  return wav.toBuffer();
}
