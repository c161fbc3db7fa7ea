import { describe, expect, it } from "vitest";
import { alignSentences, piecesByRegion, sentencesOf, type HeardSentence } from "../../src/asr/region-text.ts";
import type { AsrSegment } from "../../src/asr/types.ts";
import { planWindows } from "../../src/asr/windows.ts";

const plan = { maxWindowSec: 28, gapSec: 1 };

function segment(start: number, end: number, text: string, tokens: AsrSegment["tokens"] = []): AsrSegment {
  return { start, end, text, tokens };
}

const sentence = (start: number, end: number, text = "x"): HeardSentence => ({ start, end, text, probabilities: [] });

describe("sentencesOf", () => {
  it("keeps a one-sentence segment whole with its token probabilities", () => {
    const s = sentencesOf(segment(1, 3, "Hello there.", [{ text: " Hello", p: 0.8, start: 1, end: 2 }, { text: " there.", p: 0.6, start: 2, end: 3 }]));
    expect(s).toEqual([{ text: "Hello there.", start: 1, end: 3, probabilities: [0.8, 0.6] }]);
  });

  it("takes sentence times from tokens when they split the same way", () => {
    const s = sentencesOf(segment(0, 4, "Okay. Go on.", [
      { text: " Okay", p: 0.9, start: 0, end: 0.5 },
      { text: ".", p: 0.9, start: 0.5, end: 0.6 },
      { text: " Go", p: 0.5, start: 2.5, end: 3 },
      { text: " on.", p: 0.7, start: 3, end: 4 },
    ]));
    expect(s.map((x) => [x.text, x.start, x.end, x.probabilities])).toEqual([
      ["Okay.", 0, 0.6, [0.9, 0.9]],
      ["Go on.", 2.5, 4, [0.5, 0.7]],
    ]);
  });

  it("shares the segment's time by characters when tokens do not split the same way", () => {
    const s = sentencesOf(segment(0, 3, "Oui. Bonjour madame."));
    expect(s.map((x) => x.text)).toEqual(["Oui.", "Bonjour madame."]);
    expect(s[0]!.end).toBeCloseTo(3 * 4 / 19);
    expect(s[1]!.end).toBe(3);
  });
});

describe("alignSentences", () => {
  // Pieces at 0-5, 6-7.3 and 8.3-24 in the window, as in a mono call: a long agent turn, a
  // short "Good morning." from the customer, then the agent again.
  const window = planWindows([{ start: 0, end: 5 }, { start: 10, end: 11.3 }, { start: 20, end: 35.7 }], plan)[0]!;

  it("places sentences by time when whisper's times are right", () => {
    expect(alignSentences([sentence(0, 5), sentence(6, 7.3), sentence(9, 12)], window)).toEqual([0, 1, 2]);
  });

  it("gives a drifted short turn to the piece that would otherwise stay silent", () => {
    // Whisper said 7-9 for the customer's words spoken at 6-7.3: nearer to the next piece.
    expect(alignSentences([sentence(0, 5), sentence(7, 9), sentence(9, 12), sentence(13, 20)], window)).toEqual([0, 1, 2, 2]);
  });

  it("leaves a piece without text when no sentence is anywhere near it", () => {
    expect(alignSentences([sentence(0, 2), sentence(2, 5), sentence(14, 20)], window)).toEqual([0, 0, 2]);
  });

  it("keeps sentence order", () => {
    const a = alignSentences([sentence(9, 12), sentence(0, 1), sentence(6, 7)], window);
    expect([...a].sort((x, y) => x - y)).toEqual(a);
  });
});

describe("piecesByRegion", () => {
  it("groups the window's sentences by speech region", () => {
    const window = planWindows([{ start: 0, end: 3 }, { start: 30, end: 33 }], plan)[0]!;
    const byRegion = piecesByRegion(window, {
      language: "en",
      segments: [segment(0, 3, "Hello, this is Anna."), segment(4, 7, "I can call back.")],
    });
    expect([...byRegion.entries()].map(([region, pieces]) => [region, pieces.map((p) => p.text)])).toEqual([
      [0, ["Hello, this is Anna."]],
      [1, ["I can call back."]],
    ]);
  });
});
