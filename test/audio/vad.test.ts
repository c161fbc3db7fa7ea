import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareForAsr } from "../../src/audio/prepare.js";
import { detectSpeech } from "../../src/audio/vad.js";
import type { SpeechRegion } from "../../src/audio/types.js";
import { add, brownNoise, concat, noise, tone } from "./signals.js";

const RATE = 16000;
const silence = (seconds: number) => new Float32Array(Math.round(RATE * seconds));

/** First and last instants where the clean sentence is audible, read from the signal itself. */
function audibleSpan(samples: Float32Array): SpeechRegion {
  let first = -1;
  let last = -1;
  samples.forEach((x, i) => {
    if (Math.abs(x) > 0.01) {
      if (first < 0) first = i;
      last = i;
    }
  });
  return { start: first / RATE, end: last / RATE };
}

/** Seconds of [span] that no region covers. */
function uncovered(regions: SpeechRegion[], span: SpeechRegion): number {
  let covered = 0;
  for (const r of regions) covered += Math.max(0, Math.min(r.end, span.end) - Math.max(r.start, span.start));
  return span.end - span.start - covered;
}

function expectWellFormed(regions: SpeechRegion[], durationSec: number): void {
  regions.forEach((r, i) => {
    expect(r.start).toBeGreaterThanOrEqual(0);
    expect(r.end).toBeLessThanOrEqual(durationSec);
    expect(r.end).toBeGreaterThan(r.start);
    if (i > 0) expect(r.start).toBeGreaterThan(regions[i - 1]!.end);
  });
}

describe("detectSpeech on an espeak-ng sentence through an 8 kHz telephone band", () => {
  let sentence: Float32Array;
  beforeAll(async () => {
    const bytes = new Uint8Array(readFileSync(new URL("fixtures/speech-fr-telephone-8000.wav", import.meta.url)));
    const prepared = await prepareForAsr(bytes, "speech.wav");
    sentence = prepared.channels[0]!;
  });

  type Background = (length: number) => Float32Array;

  /** The sentence 3 s into a call, 4 s of quiet after it, over a background. */
  function call(background: Background): { samples: Float32Array; speech: SpeechRegion } {
    const span = audibleSpan(sentence);
    const clean = concat(silence(3), sentence, silence(4));
    return { samples: add(clean, background(clean.length)), speech: { start: 3 + span.start, end: 3 + span.end } };
  }

  it.each<[string, Background]>([
    ["in digital silence", (n) => silence(n / RATE)],
    ["in low hiss", (n) => noise(n, 0.003, 11)],
    // About 10 dB below the sentence's voiced frames in the speech band: a noisy line.
    ["in loud white noise", (n) => noise(n, 0.06, 12)],
    ["in loud brown noise (traffic, fans)", (n) => brownNoise(n, 0.3, 13)],
  ])("finds the sentence %s, and nothing before or after it", (_case, background) => {
    const { samples, speech } = call(background);
    const regions = detectSpeech(samples);
    expectWellFormed(regions, samples.length / RATE);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions[0]!.start).toBeGreaterThan(speech.start - 0.4);
    expect(regions[0]!.start).toBeLessThanOrEqual(speech.start);
    expect(regions.at(-1)!.end).toBeGreaterThanOrEqual(speech.end);
    expect(regions.at(-1)!.end).toBeLessThan(speech.end + 0.4);
    // Pauses inside the sentence may split it, but almost all of it is covered.
    expect(uncovered(regions, speech)).toBeLessThan(0.1);
  });

  it("keeps two sentences two seconds apart as two regions, and merges across a short pause", () => {
    const span = audibleSpan(sentence);
    const spoken = sentence.subarray(Math.floor(span.start * RATE), Math.ceil(span.end * RATE));
    const twoApart = detectSpeech(concat(silence(1), spoken, silence(2), spoken, silence(1)));
    expect(twoApart).toHaveLength(2);
    const shortPause = detectSpeech(concat(silence(1), spoken, silence(0.15), spoken, silence(1)), { padSec: 0 });
    expect(shortPause).toHaveLength(1);
  });

  it("covers half a minute of near-continuous speech: a monologue does not raise its own background", () => {
    const span = audibleSpan(sentence);
    const spoken = sentence.subarray(Math.floor(span.start * RATE), Math.ceil(span.end * RATE));
    const turns = Array.from({ length: 5 }, () => [spoken, silence(0.15)]).flat();
    const samples = add(concat(silence(2), ...turns, silence(2)), noise(RATE * 40, 0.02, 14));
    const speech = { start: 2, end: samples.length / RATE - 2.15 };
    expect(speech.end - speech.start).toBeGreaterThan(30);
    expect(uncovered(detectSpeech(samples), speech)).toBeLessThan(0.2);
  });

  it("pads regions by padSec", () => {
    const { samples, speech } = call((n) => silence(n / RATE));
    const tight = detectSpeech(samples, { padSec: 0 });
    const loose = detectSpeech(samples, { padSec: 0.3 });
    expect(tight[0]!.start).toBeGreaterThan(speech.start - 0.1);
    expect(tight[0]!.start - loose[0]!.start).toBeCloseTo(0.3, 5);
  });

  it("skips the ringback before the call is answered and finds the sentence after it", () => {
    // French ringback: 440 Hz, 1.5 s on, 3.5 s off, over line hiss.
    const ring = () => [tone(440, RATE, 1.5, 0.2), silence(3.5)];
    const clean = concat(silence(0.5), ...ring(), ...ring(), sentence, silence(1));
    const regions = detectSpeech(add(clean, noise(clean.length, 0.003, 15)));
    const span = audibleSpan(sentence);
    expect(regions.length).toBeGreaterThan(0);
    expect(regions[0]!.start).toBeGreaterThan(10.5 + span.start - 0.4);
  });

  it("ignores faint crosstalk far below the channel's own speech", () => {
    // The other party leaking into this channel 40 dB down: audible, but not this side's speech.
    const echo = sentence.map((x) => x * 0.01);
    const regions = detectSpeech(concat(silence(1), sentence, silence(2), echo, silence(1)));
    expect(regions).toHaveLength(1);
    expect(regions[0]!.end).toBeLessThan(1 + sentence.length / RATE + 0.5);
  });
});

describe("detectSpeech without speech", () => {
  it.each([
    ["digital silence", silence(10)],
    ["near silence (dither)", noise(RATE * 10, 3e-5, 1)],
    ["low white noise", noise(RATE * 10, 0.003, 2)],
    ["loud white noise", noise(RATE * 10, 0.3, 3)],
    ["noise whose level jumps 20 dB", concat(noise(RATE * 5, 0.005, 4), noise(RATE * 5, 0.05, 5))],
    ["brown noise whose level jumps 25 dB", concat(brownNoise(RATE * 5, 0.01, 6), brownNoise(RATE * 5, 0.2, 7))],
    [
      "bursts of brown noise (a passing car)",
      concat(brownNoise(RATE * 3, 0.01, 8), brownNoise(RATE, 0.1, 9), brownNoise(RATE * 3, 0.01, 10), brownNoise(RATE, 0.3, 11)),
    ],
    ["low rumble below the speech band", tone(60, RATE, 10, 0.3)],
    ["an answering machine's beep", concat(silence(1), tone(1000, RATE, 0.5, 0.3), silence(1))],
    ["the US two-tone ringback", concat(silence(1), add(tone(440, RATE, 2, 0.2), tone(480, RATE, 2, 0.2)), silence(4))],
  ])("finds nothing in %s", (_case, samples) => {
    expect(detectSpeech(samples)).toEqual([]);
  });

  it("drops isolated clicks", () => {
    const clicks = silence(10);
    for (let second = 1; second < 10; second++) clicks.fill(0.8, second * RATE, second * RATE + 80);
    expect(detectSpeech(clicks)).toEqual([]);
  });

  it("handles empty and very short input", () => {
    expect(detectSpeech(new Float32Array(0))).toEqual([]);
    expect(detectSpeech(noise(160, 0.5))).toEqual([]);
  });
});
