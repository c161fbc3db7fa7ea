import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { prepareForAsr } from "../../src/audio/prepare.js";
import { speechBandFrames } from "../../src/audio/speech-band.js";
import { DEFAULT_VAD_OPTIONS } from "../../src/audio/vad.js";
import { add, brownNoise, concat, noise } from "./signals.js";

/** The detector's own settings: these tests describe the measurements it decides on. */
const SETTINGS = DEFAULT_VAD_OPTIONS;

const mean = (values: Float64Array) => values.reduce((a, b) => a + b, 0) / values.length;

describe("speechBandFrames", () => {
  let sentence: Float32Array;
  beforeAll(async () => {
    const bytes = new Uint8Array(readFileSync(new URL("fixtures/speech-fr-telephone-8000.wav", import.meta.url)));
    sentence = (await prepareForAsr(bytes)).channels[0]!;
  });

  it.each([
    ["white", noise(16000 * 3, 0.1, 1)],
    ["brown", brownNoise(16000 * 3, 0.3, 2)],
  ])("whitens %s noise against its own background: flatness near 0.56", (_colour, samples) => {
    const { flatness } = speechBandFrames(samples, 16000, SETTINGS);
    expect(mean(flatness)).toBeGreaterThan(0.4);
    expect(mean(flatness)).toBeLessThan(0.65);
  });

  it.each([
    ["white", noise(16000 * 3, 0.1, 1)],
    ["brown", brownNoise(16000 * 3, 0.3, 2)],
  ])("puts the background of %s noise near its typical level, not under its dips", (_colour, samples) => {
    const { levelDb, noiseDb } = speechBandFrames(samples, 16000, SETTINGS);
    const meanPowerDb = 10 * Math.log10(mean(levelDb.map((db) => 10 ** (db / 10))));
    // The continuation threshold sits 5 dB above the background: it must clear the noise itself.
    expect(noiseDb[100]!).toBeGreaterThan(meanPowerDb - 3);
    expect(noiseDb[100]!).toBeLessThanOrEqual(meanPowerDb);
  });

  it("finds the loud frames of speech in brown noise far from flat", () => {
    const samples = add(sentence, brownNoise(sentence.length, 0.05, 3));
    const { flatness, levelDb, noiseDb } = speechBandFrames(samples, 16000, SETTINGS);
    const loud = Array.from(levelDb.keys()).filter((k) => levelDb[k]! > noiseDb[k]! + 15);
    expect(loud.length).toBeGreaterThan(100);
    const voiced = loud.filter((k) => flatness[k]! < 0.3);
    expect(voiced.length / loud.length).toBeGreaterThan(0.8);
  });

  it("follows a background that gets louder, after at most the window's reach", () => {
    const samples = concat(noise(16000 * 10, 0.003, 4), noise(16000 * 10, 0.03, 5));
    const { noiseDb, levelDb } = speechBandFrames(samples, 16000, SETTINGS);
    const lastFrame = levelDb.length - 1;
    // The quietest block within 5 s sets the floor: 20 dB louder noise is tracked 5.5 s later.
    expect(noiseDb[lastFrame]!).toBeGreaterThan(mean(levelDb.subarray(lastFrame - 300)) - 3);
    expect(noiseDb[100]!).toBeLessThanOrEqual(mean(levelDb.subarray(0, 900)));
    expect(noiseDb[100]!).toBeGreaterThan(mean(levelDb.subarray(0, 900)) - 3);
  });
});
