import { describe, expect, it } from "vitest";
import { planWindows, windowSamples } from "../../src/asr/windows.ts";

const plan = { maxWindowSec: 28, gapSec: 1 };

describe("planWindows", () => {
  it("packs short regions into one window, in order, with a pause between them", () => {
    const windows = planWindows([{ start: 2, end: 5 }, { start: 10, end: 12 }, { start: 40, end: 44 }], plan);
    expect(windows).toHaveLength(1);
    expect(windows[0]!.pieces).toEqual([
      { region: 0, sourceStart: 2, sourceEnd: 5, windowStart: 0 },
      { region: 1, sourceStart: 10, sourceEnd: 12, windowStart: 4 },
      { region: 2, sourceStart: 40, sourceEnd: 44, windowStart: 7 },
    ]);
    expect(windows[0]!.durationSec).toBe(11);
  });

  it("starts a new window when the next region would not fit", () => {
    const windows = planWindows([{ start: 0, end: 20 }, { start: 30, end: 38 }], plan);
    expect(windows.map((w) => w.pieces.map((p) => p.region))).toEqual([[0], [1]]);
    expect(windows.every((w) => w.durationSec <= plan.maxWindowSec)).toBe(true);
  });

  it("cuts a region longer than a window into equal parts of the same region", () => {
    const windows = planWindows([{ start: 10, end: 70 }], plan);
    expect(windows).toHaveLength(3);
    expect(windows.map((w) => w.pieces[0]!.region)).toEqual([0, 0, 0]);
    expect(windows.map((w) => [w.pieces[0]!.sourceStart, w.pieces[0]!.sourceEnd])).toEqual([[10, 30], [30, 50], [50, 70]]);
  });

  it("costs a call's speech, not its number of turns: 40 turns of 2 s make 3 windows", () => {
    const regions = Array.from({ length: 40 }, (_, i) => ({ start: i * 5, end: i * 5 + 2 }));
    expect(planWindows(regions, plan)).toHaveLength(Math.ceil(40 / Math.floor((28 + 1) / 3)));
  });

  it("makes no window for a channel without speech", () => {
    expect(planWindows([], plan)).toEqual([]);
  });
});

describe("window samples", () => {
  it("copies each piece at its place and leaves zeros between", () => {
    const rate = 10;
    const channel = Float32Array.from({ length: 100 }, (_, i) => i + 1);
    const [window] = planWindows([{ start: 1, end: 2 }, { start: 5, end: 6 }], plan);
    const samples = windowSamples(channel, window!, rate);
    expect(Array.from(samples.subarray(0, 10))).toEqual([11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(Array.from(samples.subarray(10, 20)).every((v) => v === 0)).toBe(true);
    expect(Array.from(samples.subarray(20, 30))).toEqual([51, 52, 53, 54, 55, 56, 57, 58, 59, 60]);
  });
});
