import { readFileSync } from "node:fs";
import wavefile from "wavefile";
import { describe, expect, it } from "vitest";
import { decodeAudio } from "../../src/audio/decode.js";
import { AppError, type ErrorCode } from "../../src/errors.js";
import { noise, tone, toneAmplitude } from "./signals.js";

const { WaveFile } = wavefile;
const LEFT_HZ = 440;
const RIGHT_HZ = 1000;

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url)));
}

/** Scales [-1, 1] samples to what wavefile expects for an integer bit depth (8-bit is unsigned). */
function toInteger(samples: Float32Array, bits: number): number[] {
  const full = 2 ** (bits - 1) - 1;
  return Array.from(samples, (x) => Math.round(x * full) + (bits === 8 ? 128 : 0));
}

type WavVariant = {
  name: string;
  sampleRate: number;
  stereo: boolean;
  build: (wav: InstanceType<typeof WaveFile>, channels: Float32Array[]) => void;
};

const WAV_VARIANTS: WavVariant[] = [
  { name: "PCM 8-bit", sampleRate: 11025, stereo: false, build: (w, c) => w.fromScratch(c.length, 11025, "8", c.map((s) => toInteger(s, 8))) },
  { name: "PCM 16-bit", sampleRate: 8000, stereo: true, build: (w, c) => w.fromScratch(c.length, 8000, "16", c.map((s) => toInteger(s, 16))) },
  { name: "PCM 24-bit", sampleRate: 44100, stereo: true, build: (w, c) => w.fromScratch(c.length, 44100, "24", c.map((s) => toInteger(s, 24))) },
  { name: "PCM 32-bit", sampleRate: 48000, stereo: false, build: (w, c) => w.fromScratch(c.length, 48000, "32", c.map((s) => toInteger(s, 32))) },
  { name: "float 32-bit", sampleRate: 22050, stereo: true, build: (w, c) => w.fromScratch(c.length, 22050, "32f", c) },
  {
    name: "G.711 mu-law",
    sampleRate: 8000,
    stereo: true,
    build: (w, c) => {
      w.fromScratch(c.length, 8000, "16", c.map((s) => toInteger(s, 16)));
      w.toMuLaw();
    },
  },
  {
    name: "G.711 A-law",
    sampleRate: 8000,
    stereo: false,
    build: (w, c) => {
      w.fromScratch(c.length, 8000, "16", c.map((s) => toInteger(s, 16)));
      w.toALaw();
    },
  },
];

function wavBytes(variant: WavVariant, seconds: number): Uint8Array {
  const left = tone(LEFT_HZ, variant.sampleRate, seconds);
  const channels = variant.stereo ? [left, tone(RIGHT_HZ, variant.sampleRate, seconds)] : [left];
  const wav = new WaveFile();
  variant.build(wav, channels);
  return wav.toBuffer();
}

async function expectAppError(promise: Promise<unknown>, code: ErrorCode, reason?: RegExp): Promise<void> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (reason) expect((err as AppError).message).toMatch(reason);
}

describe("decodeAudio: WAV variants", () => {
  it.each(WAV_VARIANTS)("$name at $sampleRate Hz", async (variant) => {
    const decoded = await decodeAudio(wavBytes(variant, 1.5), "call.wav");
    expect(decoded.format).toBe("wav");
    expect(decoded.sampleRate).toBe(variant.sampleRate);
    expect(decoded.durationSec).toBeCloseTo(1.5, 3);
    expect(decoded.channels).toHaveLength(variant.stereo ? 2 : 1);
    const [left, right] = decoded.channels;
    // 8-bit and G.711 quantize coarsely: a few percent of amplitude error is expected.
    expect(toneAmplitude(left!, variant.sampleRate, LEFT_HZ)).toBeCloseTo(0.5, 1);
    expect(toneAmplitude(left!, variant.sampleRate, RIGHT_HZ)).toBeLessThan(0.01);
    if (variant.stereo) {
      expect(toneAmplitude(right!, variant.sampleRate, RIGHT_HZ)).toBeCloseTo(0.5, 1);
      expect(toneAmplitude(right!, variant.sampleRate, LEFT_HZ)).toBeLessThan(0.01);
    }
  });

  it("finds the data behind an odd-sized chunk (RIFF pads chunks to even sizes)", async () => {
    const plain = wavBytes(WAV_VARIANTS[1]!, 0.5);
    // "note" chunk of 3 bytes plus its pad byte, between the fmt and data chunks.
    const note = new Uint8Array([...new TextEncoder().encode("note"), 3, 0, 0, 0, 0x61, 0x62, 0x63, 0]);
    const withNote = new Uint8Array([...plain.subarray(0, 36), ...note, ...plain.subarray(36)]);
    new DataView(withNote.buffer).setUint32(4, withNote.length - 8, true);
    const decoded = await decodeAudio(withNote, "noted.wav");
    expect(decoded.durationSec).toBeCloseTo(0.5, 3);
    expect(toneAmplitude(decoded.channels[1]!, 8000, RIGHT_HZ)).toBeCloseTo(0.5, 1);
  });

  it("reads WAVE_FORMAT_EXTENSIBLE headers (as sox writes for 24-bit multichannel)", async () => {
    const wav = new WaveFile();
    const channels = [tone(LEFT_HZ, 16000, 0.5), tone(RIGHT_HZ, 16000, 0.5), tone(LEFT_HZ, 16000, 0.5)];
    wav.fromScratch(3, 16000, "24", channels.map((c) => toInteger(c, 24)));
    // wavefile lays out the 40-byte extensible fmt chunk (sub-format GUID: PCM) but tags it 1 (PCM).
    const bytes = wav.toBuffer().slice();
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(16, true)).toBe(40);
    view.setUint16(20, 0xfffe, true);
    const decoded = await decodeAudio(bytes);
    expect(decoded.channels).toHaveLength(3);
    expect(toneAmplitude(decoded.channels[1]!, 16000, RIGHT_HZ)).toBeCloseTo(0.5, 2);
  });

  it("replaces NaN and infinite float samples with silence", async () => {
    const samples = tone(LEFT_HZ, 16000, 0.1);
    samples[10] = Number.NaN;
    samples[20] = Number.POSITIVE_INFINITY;
    const wav = new WaveFile();
    wav.fromScratch(1, 16000, "32f", samples);
    const [channel] = (await decodeAudio(wav.toBuffer())).channels;
    expect(channel![10]).toBe(0);
    expect(channel![20]).toBe(0);
    expect(channel!.every(Number.isFinite)).toBe(true);
  });
});

describe("decodeAudio: compressed formats (fixtures from scripts/gen-audio-test-data.sh)", () => {
  const cases = [
    { file: "tones-stereo-44100.mp3", format: "mp3", sampleRate: 44100, seconds: 2 },
    { file: "tones-stereo-22050.ogg", format: "vorbis", sampleRate: 22050, seconds: 2 },
    // Opus always decodes at 48 kHz, whatever rate the encoder was fed.
    { file: "tones-stereo-24000.opus", format: "opus", sampleRate: 48000, seconds: 2 },
    { file: "tones-stereo-11025-24bit.flac", format: "flac", sampleRate: 11025, seconds: 1 },
  ];

  it.each(cases)("$format ($file)", async ({ file, format, sampleRate, seconds }) => {
    const decoded = await decodeAudio(fixture(file), file);
    expect(decoded.format).toBe(format);
    expect(decoded.sampleRate).toBe(sampleRate);
    // Lossy codecs may keep a few ms of encoder delay or padding.
    expect(Math.abs(decoded.durationSec - seconds)).toBeLessThan(0.03);
    expect(decoded.channels).toHaveLength(2);
    for (const channel of decoded.channels) expect(channel).toHaveLength(decoded.channels[0]!.length);
    const [left, right] = decoded.channels;
    expect(toneAmplitude(left!, sampleRate, LEFT_HZ)).toBeCloseTo(0.5, 1);
    expect(toneAmplitude(left!, sampleRate, RIGHT_HZ)).toBeLessThan(0.02);
    expect(toneAmplitude(right!, sampleRate, RIGHT_HZ)).toBeCloseTo(0.5, 1);
    expect(toneAmplitude(right!, sampleRate, LEFT_HZ)).toBeLessThan(0.02);
  });
});

describe("decodeAudio: bad input", () => {
  const text = (s: string) => new TextEncoder().encode(s);
  const garbage = Uint8Array.from(noise(4096, 1, 7), (x) => Math.floor((x + 1) * 127.5));
  const withMagic = (...magic: number[]) => new Uint8Array([...magic, ...garbage]);

  it("rejects an empty file with INPUT_EMPTY", async () => {
    await expectAppError(decodeAudio(new Uint8Array(0), "empty.wav"), "INPUT_EMPTY");
  });

  it("rejects a text file renamed .wav with AUDIO_UNDECODABLE", async () => {
    await expectAppError(decodeAudio(text("Call notes: customer asked to be called back.\n"), "notes.wav"), "AUDIO_UNDECODABLE", /notes\.wav/);
  });

  it("rejects random bytes with AUDIO_UNDECODABLE", async () => {
    await expectAppError(decodeAudio(garbage, "call.mp3"), "AUDIO_UNDECODABLE");
  });

  it("rejects a WAV cut off inside its header", async () => {
    const wav = wavBytes(WAV_VARIANTS[1]!, 0.5);
    await expectAppError(decodeAudio(wav.subarray(0, 30), "cut.wav"), "AUDIO_UNDECODABLE");
  });

  it("reports a WAV in a codec nothing here decodes (GSM 6.10) as INPUT_UNSUPPORTED", async () => {
    const wav = wavBytes(WAV_VARIANTS[1]!, 0.5).slice();
    new DataView(wav.buffer).setUint16(20, 0x31, true);
    await expectAppError(decodeAudio(wav, "gsm.wav"), "INPUT_UNSUPPORTED", /gsm\.wav.*GSM 6\.10 \(0x0031\)/);
  });

  it("rejects a WAV declaring a zero sample rate", async () => {
    const wav = wavBytes(WAV_VARIANTS[1]!, 0.5).slice();
    new DataView(wav.buffer).setUint32(24, 0, true);
    await expectAppError(decodeAudio(wav, "zero-rate.wav"), "AUDIO_UNDECODABLE", /sample rate of 0 Hz/);
  });

  it.each([
    ["WAV", [...text("RIFF"), 0, 0, 0, 0, ...text("WAVE")]],
    ["Ogg", [...text("OggS")]],
    ["Ogg Opus", [...text("OggS"), 0, 2, ...new Array<number>(20).fill(0), 1, 19, ...text("OpusHead")]],
    ["FLAC", [...text("fLaC")]],
    ["MP4", [0, 0, 0, 32, ...text("ftypM4A ")]],
  ])("rejects garbage behind a %s signature", async (_name, magic) => {
    await expectAppError(decodeAudio(withMagic(...magic), "corrupt"), "AUDIO_UNDECODABLE");
  });

  it("reports a recognised but undecodable format (MIDI) as INPUT_UNSUPPORTED", async () => {
    await expectAppError(decodeAudio(withMagic(...text("MThd"), 0, 0, 0, 6), "tune.mid"), "INPUT_UNSUPPORTED");
  });

  it("decodes what there is of a WAV cut off mid-recording", async () => {
    const wav = wavBytes(WAV_VARIANTS[1]!, 2);
    const decoded = await decodeAudio(wav.subarray(0, 44 + 8000 * 4), "cut.wav");
    expect(decoded.durationSec).toBeCloseTo(1, 3);
  });

  it("decodes what there is of a truncated MP3", async () => {
    const mp3 = fixture("tones-stereo-44100.mp3");
    const decoded = await decodeAudio(mp3.subarray(0, mp3.length / 2), "cut.mp3");
    expect(decoded.durationSec).toBeGreaterThan(0.5);
    expect(decoded.durationSec).toBeLessThan(1.5);
  });
});
