import { describe, expect, it } from "vitest";
import { speechBandFrames } from "../../src/audio/speech-band.js";
import { noise, tone } from "./signals.js";

const SETTINGS = { frameSec: 0.025, hopSec: 0.01, bandLowHz: 300, bandHighHz: 3400 };

describe("speechBandFrames", () => {
  it("frames the signal every hop", () => {
    const frames = speechBandFrames(new Float32Array(16000), 16000, SETTINGS);
    expect(frames.hopSec).toBeCloseTo(0.01, 9);
    expect(frames.frameSec).toBeCloseTo(0.025, 9);
    // (16000 - 400) / 160 + 1 whole frames fit in one second.
    expect(frames.levelDb).toHaveLength(98);
  });

  it("reads a full-scale in-band sine at -3 dB and finds it perfectly tonal", () => {
    const frames = speechBandFrames(tone(1000, 16000, 0.5, 1), 16000, SETTINGS);
    expect(frames.levelDb[10]).toBeCloseTo(-3, 1);
    expect(frames.flatness[10]).toBeLessThan(0.01);
  });

  it("does not count energy outside the band", () => {
    const frames = speechBandFrames(tone(100, 16000, 0.5, 1), 16000, SETTINGS);
    expect(frames.levelDb[10]).toBeLessThan(-40);
  });

  it("finds white noise flat, at its in-band share of the level", () => {
    // Uniform noise of amplitude a has a mean square of a^2/3; the band holds 3100/8000 of it.
    const amplitude = 0.1;
    const expectedDb = 10 * Math.log10(((amplitude * amplitude) / 3) * (3100 / 8000));
    const frames = speechBandFrames(noise(16000, amplitude, 9), 16000, SETTINGS);
    const meanDb = frames.levelDb.reduce((a, b) => a + b, 0) / frames.levelDb.length;
    const meanFlatness = frames.flatness.reduce((a, b) => a + b, 0) / frames.flatness.length;
    expect(meanDb).toBeGreaterThan(expectedDb - 1.5);
    expect(meanDb).toBeLessThan(expectedDb + 1);
    expect(meanFlatness).toBeGreaterThan(0.45);
    expect(meanFlatness).toBeLessThan(0.65);
  });

  it("gives digital silence a finite floor level", () => {
    const frames = speechBandFrames(new Float32Array(1000), 16000, SETTINGS);
    expect(frames.levelDb.every((db) => db < -100 && Number.isFinite(db))).toBe(true);
  });
});
