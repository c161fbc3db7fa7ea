import { distinctChannels } from "./channels.js";
import { decodeAudio } from "./decode.js";
import { resampleTo16k } from "./resample.js";
import type { PreparedAudio } from "./types.js";

/** Decodes a recording and brings each distinct channel to 16 kHz mono float32 for whisper. */
export async function prepareForAsr(bytes: Uint8Array, fileName?: string): Promise<PreparedAudio> {
  const decoded = await decodeAudio(bytes, fileName);
  const channels: Float32Array[] = [];
  // One after the other: resampling is CPU-bound WASM, running channels at once gains nothing.
  for (const channel of distinctChannels(decoded.channels)) {
    channels.push(await resampleTo16k(channel, decoded.sampleRate));
  }
  return {
    channels,
    durationSec: decoded.durationSec,
    sourceFormat: decoded.format,
    sourceSampleRate: decoded.sampleRate,
  };
}
