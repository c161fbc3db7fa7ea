import { describe, expect, it } from "vitest";
import { bandSpectrum } from "../../src/audio/band-spectrum.js";
import { noise, tone } from "./signals.js";

const SETTINGS = { frameSec: 0.025, hopSec: 0.01, bandLowHz: 300, bandHighHz: 3400 };

function frameLevel(samples: Float32Array, frame: number): number {
  const band = bandSpectrum(samples, 16000, SETTINGS);
  const power = new Float64Array(band.binCount);
  band.powerOf(frame, power);
  return band.levelDb(power.reduce((a, b) => a + b, 0));
}

describe("bandSpectrum", () => {
  it("frames the signal every hop and keeps only the band's bins", () => {
    const band = bandSpectrum(new Float32Array(16000), 16000, SETTINGS);
    expect(band.hopSec).toBeCloseTo(0.01, 9);
    expect(band.frameSec).toBeCloseTo(0.025, 9);
    // (16000 - 400) / 160 + 1 whole frames fit in one second.
    expect(band.frameCount).toBe(98);
    // 512-point FFT at 16 kHz: 31.25 Hz bins, 300-3400 Hz is bins 10 to 108.
    expect(band.binCount).toBe(99);
  });

  it("reads a full-scale in-band sine at -3 dB", () => {
    expect(frameLevel(tone(1000, 16000, 0.5, 1), 10)).toBeCloseTo(-3, 1);
  });

  it("does not count energy outside the band", () => {
    expect(frameLevel(tone(100, 16000, 0.5, 1), 10)).toBeLessThan(-40);
    expect(frameLevel(tone(5000, 16000, 0.5, 1), 10)).toBeLessThan(-40);
  });

  it("reads white noise at its in-band share of the level", () => {
    // Uniform noise of amplitude a has a mean square of a^2/3; the band holds 3100/8000 of it.
    const amplitude = 0.1;
    const expectedDb = 10 * Math.log10(((amplitude * amplitude) / 3) * (3100 / 8000));
    const samples = noise(16000, amplitude, 9);
    const levels = Array.from({ length: 90 }, (_, frame) => frameLevel(samples, frame));
    const meanDb = levels.reduce((a, b) => a + b, 0) / levels.length;
    expect(meanDb).toBeGreaterThan(expectedDb - 1.5);
    expect(meanDb).toBeLessThan(expectedDb + 1);
  });

  it("gives digital silence a finite floor level", () => {
    const level = frameLevel(new Float32Array(1000), 0);
    expect(Number.isFinite(level)).toBe(true);
    expect(level).toBeLessThan(-100);
  });

  it("has no frames for no samples", () => {
    expect(bandSpectrum(new Float32Array(0), 16000, SETTINGS).frameCount).toBe(0);
  });
});
