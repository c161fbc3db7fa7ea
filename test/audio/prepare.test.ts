import { readFileSync } from "node:fs";
import wavefile from "wavefile";
import { describe, expect, it } from "vitest";
import { distinctChannels, isSameSignal } from "../../src/audio/channels.js";
import { prepareForAsr } from "../../src/audio/prepare.js";
import { AppError } from "../../src/errors.js";
import { noise, tone, toneAmplitude } from "./signals.js";

const { WaveFile } = wavefile;

function wav16(sampleRate: number, channels: Float32Array[]): Uint8Array {
  const wav = new WaveFile();
  wav.fromScratch(channels.length, sampleRate, "16", channels.map((c) => Array.from(c, (x) => Math.round(x * 32767))));
  return wav.toBuffer();
}

describe("prepareForAsr", () => {
  it("keeps the two sides of an 8 kHz dual-channel call apart, each at 16 kHz", async () => {
    const agent = tone(440, 8000, 3);
    const customer = tone(1000, 8000, 3);
    const prepared = await prepareForAsr(wav16(8000, [agent, customer]), "call.wav");
    expect(prepared.sourceFormat).toBe("wav");
    expect(prepared.sourceSampleRate).toBe(8000);
    expect(prepared.durationSec).toBeCloseTo(3, 6);
    expect(prepared.channels).toHaveLength(2);
    const [left, right] = prepared.channels;
    expect(left).toHaveLength(48000);
    expect(right).toHaveLength(48000);
    expect(toneAmplitude(left!, 16000, 440)).toBeCloseTo(0.5, 2);
    expect(toneAmplitude(left!, 16000, 1000)).toBeLessThan(1e-3);
    expect(toneAmplitude(right!, 16000, 1000)).toBeCloseTo(0.5, 2);
    expect(toneAmplitude(right!, 16000, 440)).toBeLessThan(1e-3);
  });

  it("reports a stereo file holding the same signal twice as one channel", async () => {
    const voice = tone(300, 44100, 1);
    const prepared = await prepareForAsr(wav16(44100, [voice, voice]));
    expect(prepared.channels).toHaveLength(1);
    expect(prepared.channels[0]).toHaveLength(16000);
  });

  it("keeps a mono file as one channel", async () => {
    const prepared = await prepareForAsr(wav16(16000, [tone(300, 16000, 1)]));
    expect(prepared.channels).toHaveLength(1);
    expect(toneAmplitude(prepared.channels[0]!, 16000, 300)).toBeCloseTo(0.5, 3);
  });

  it("keeps a lossy stereo file's channels apart (MP3 fixture)", async () => {
    const bytes = new Uint8Array(readFileSync(new URL("fixtures/tones-stereo-44100.mp3", import.meta.url)));
    const prepared = await prepareForAsr(bytes, "call.mp3");
    expect(prepared.sourceFormat).toBe("mp3");
    expect(prepared.sourceSampleRate).toBe(44100);
    expect(prepared.channels).toHaveLength(2);
    expect(toneAmplitude(prepared.channels[1]!, 16000, 1000)).toBeCloseTo(0.5, 1);
  });

  it("passes decoding errors through as AppErrors", async () => {
    await expect(prepareForAsr(new TextEncoder().encode("not audio"), "x.wav")).rejects.toBeInstanceOf(AppError);
  });
});

describe("distinctChannels", () => {
  it("treats channels a lossy codec left a hair apart as one signal", () => {
    const voice = tone(300, 16000, 1);
    const hiss = noise(voice.length, 1e-3, 3);
    const nearCopy = voice.map((x, i) => x + hiss[i]!);
    expect(isSameSignal(voice, nearCopy)).toBe(true);
    expect(distinctChannels([voice, nearCopy])).toEqual([voice]);
  });

  it("keeps a call whose customer side is silent as two channels", () => {
    const agent = tone(300, 16000, 1);
    const silent = new Float32Array(agent.length);
    expect(distinctChannels([agent, silent])).toHaveLength(2);
  });

  it("keeps channels that share a signal under distinct speech (crosstalk) apart", () => {
    const agent = tone(300, 16000, 1);
    const customer = agent.map((x, i) => 0.1 * x + 0.5 * Math.sin(i / 3));
    expect(distinctChannels([agent, customer])).toHaveLength(2);
  });
});
