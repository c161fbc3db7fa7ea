import decode, { type AudioData } from "audio-decode";
import detectAudioType from "audio-type";
import { AppError } from "../errors.js";
import type { DecodedAudio } from "./types.js";
import { canonicalWav, unsupportedWavCodec } from "./wav-container.js";

/** audio-type's names for formats, where they differ from the name shown to users. */
const FORMAT_NAMES: Readonly<Record<string, string>> = { oga: "vorbis", mid: "midi" };

/** Below this a "sample rate" is a corrupt header rather than audio (libsamplerate's limit too). */
const MIN_SAMPLE_RATE = 1000;
const MAX_SAMPLE_RATE = 768_000;

/**
 * Decodes a whole recording with audio-decode's WASM/JS decoders (WAV incl. 8/16/24/32-bit PCM,
 * 32/64-bit float, G.711 mu-law/A-law and ADPCM; MP3; Ogg Opus; Ogg Vorbis; FLAC; AAC/M4A...).
 * The format is sniffed from the bytes, never taken from the file name, which only labels errors.
 */
export async function decodeAudio(bytes: Uint8Array, fileName?: string): Promise<DecodedAudio> {
  const label = fileName ?? "the input";
  if (bytes.byteLength === 0) throw new AppError("INPUT_EMPTY", `${label} has no bytes`);

  const detected = detectAudioType(bytes);
  if (!detected) {
    throw new AppError("AUDIO_UNDECODABLE", `${label} is not in any known audio format`);
  }
  const format = FORMAT_NAMES[detected] ?? detected;
  if (!Object.hasOwn(decode, detected)) {
    throw new AppError("INPUT_UNSUPPORTED", `${label} is ${format} audio, which cannot be decoded`);
  }

  const unsupportedCodec = detected === "wav" ? unsupportedWavCodec(bytes) : undefined;
  if (unsupportedCodec) {
    throw new AppError("INPUT_UNSUPPORTED", `${label} is a WAV in codec ${unsupportedCodec}, which cannot be decoded`);
  }
  let decoded = await decodeBytes(bytes, label, format);
  if (!hasSamples(decoded) && detected === "wav") {
    const canonical = canonicalWav(bytes);
    if (canonical) decoded = await decodeBytes(canonical, label, format);
  }

  const { channelData, sampleRate } = decoded;
  const frames = channelData[0]?.length ?? 0;
  if (frames === 0) {
    throw new AppError("AUDIO_UNDECODABLE", `${label} (${format}) holds no decodable audio samples`);
  }
  if (!(sampleRate >= MIN_SAMPLE_RATE && sampleRate <= MAX_SAMPLE_RATE)) {
    throw new AppError("AUDIO_UNDECODABLE", `${label} (${format}) declares a sample rate of ${sampleRate} Hz`);
  }
  return {
    sampleRate,
    channels: channelData.map((channel) => finiteSamples(channel.subarray(0, frames))),
    durationSec: frames / sampleRate,
    format,
  };
}

async function decodeBytes(bytes: Uint8Array, label: string, format: string): Promise<AudioData> {
  try {
    return await decode(bytes);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new AppError("AUDIO_UNDECODABLE", `${label} (${format}): ${reason}`, { cause: err });
  }
}

function hasSamples(decoded: AudioData): boolean {
  return (decoded.channelData[0]?.length ?? 0) > 0;
}

/** Float WAVs can carry NaN or infinities; one would poison the resampler, the VAD and whisper. */
function finiteSamples(channel: Float32Array): Float32Array {
  for (let i = 0; i < channel.length; i++) {
    if (!Number.isFinite(channel[i])) channel[i] = 0;
  }
  return channel;
}
