import { describe, expect, it } from "vitest";
import { resample, resampleTo16k } from "../../src/audio/resample.js";
import { concat, rms, tone, toneAmplitude } from "./signals.js";

describe("resampleTo16k", () => {
  it("returns 16 kHz input untouched", async () => {
    const samples = tone(1000, 16000, 0.5);
    expect(await resampleTo16k(samples, 16000)).toBe(samples);
  });

  it.each([8000, 11025, 22050, 44100, 48000])("keeps a 1 kHz tone's frequency, level and length from %i Hz", async (rate) => {
    const out = await resampleTo16k(tone(1000, rate, 2), rate);
    expect(out).toHaveLength(32000);
    expect(toneAmplitude(out, 16000, 1000)).toBeCloseTo(0.5, 2);
    // Nothing else: the output is the tone alone (its RMS is the tone's, 0.5 / sqrt 2).
    expect(rms(out)).toBeCloseTo(0.5 / Math.SQRT2, 2);
  });

  it("matches an ideal 16 kHz tone sample by sample, across the resampler's internal chunks", async () => {
    // 30 s at 48 kHz is over the 4 MB the library converts in one go: chunk seams must not show.
    const out = await resampleTo16k(tone(1000, 48000, 30), 48000);
    const ideal = tone(1000, 16000, 30);
    let worst = 0;
    // The first and last 10 ms hold the filter's ramp against the edges of the signal.
    for (let i = 160; i < out.length - 160; i++) worst = Math.max(worst, Math.abs(out[i]! - ideal[i]!));
    expect(worst).toBeLessThan(2e-3);
  });

  it("filters out content above 8 kHz instead of folding it into the speech band", async () => {
    // An 11 kHz tone sampled at 16 kHz without filtering would alias to 5 kHz at full level.
    const out = await resampleTo16k(tone(11000, 44100, 1), 44100);
    expect(toneAmplitude(out, 16000, 5000)).toBeLessThan(1e-3);
    expect(rms(out)).toBeLessThan(1e-3);
  });

  it("adds no spectral images when upsampling 8 kHz telephone audio", async () => {
    // Zero-stuffing 8 kHz to 16 kHz without filtering mirrors a 1 kHz tone to 7 kHz.
    const out = await resampleTo16k(tone(1000, 8000, 1), 8000);
    expect(toneAmplitude(out, 16000, 7000)).toBeLessThan(1e-3);
  });

  it("keeps events at the same time", async () => {
    const click = new Float32Array(44100);
    click[Math.round(0.75 * 44100)] = 1;
    const out = await resampleTo16k(click, 44100);
    const peak = out.reduce((best, x, i) => (Math.abs(x) > Math.abs(out[best]!) ? i : best), 0);
    expect(Math.abs(peak / 16000 - 0.75)).toBeLessThan(0.001);
  });

  it("handles empty and very short input", async () => {
    expect(await resampleTo16k(new Float32Array(0), 8000)).toHaveLength(0);
    expect(await resampleTo16k(new Float32Array(3), 8000)).toHaveLength(6);
  });
});

describe("resample", () => {
  it("converts between any two rates, here 16 kHz to 8 kHz", async () => {
    const mixed = concat(tone(1000, 16000, 1), tone(6000, 16000, 1));
    const out = await resample(mixed, 16000, 8000);
    expect(out).toHaveLength(16000);
    expect(toneAmplitude(out.subarray(0, 8000), 8000, 1000)).toBeCloseTo(0.5, 2);
    // 6 kHz is above the new 4 kHz Nyquist: removed, not aliased to 2 kHz.
    expect(rms(out.subarray(8200))).toBeLessThan(1e-3);
  });
});
