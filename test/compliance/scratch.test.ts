import { describe, expect, it } from "vitest";
import { newScratchArena, scratchBytes, scratchFloats, scratchWords } from "../../src/compliance/scratch.ts";
import jaroWinkler from "natural/lib/natural/distance/jaro-winkler_distance.js";
import { LevenshteinDistance as levenshtein } from "natural/lib/natural/distance/levenshtein_distance.js";
import { editsWithin, mayReachFloor, nameSimilarity, soundedSimilarity } from "../../src/compliance/text/similarity.ts";
import { soundKey } from "../../src/compliance/text/phonetic.ts";

describe("the scratch arena of an analysis", () => {
  it("hands out zeroed arrays that do not overlap, across blocks", () => {
    const arena = newScratchArena();
    const arrays = Array.from({ length: 300 }, (_, i) => (i % 3 === 0 ? scratchBytes(arena, 1049) : i % 3 === 1 ? scratchWords(arena, 256) : scratchFloats(arena, 37)));
    arrays.forEach((array, i) => {
      expect([...array].every((v) => v === 0)).toBe(true);
      array.fill((i % 200) + 1);
    });
    // Each array still holds what was written to it: none shares memory with another.
    arrays.forEach((array, i) => expect([...array].every((v) => v === (i % 200) + 1)).toBe(true));
    expect(scratchFloats(arena, 3).byteOffset % 8).toBe(0);
  });

  it("gives a request larger than a block a block of its own", () => {
    const big = scratchBytes(newScratchArena(), 200_000);
    expect(big.length).toBe(200_000);
  });
});

describe("ruling out a heard run before its sound key is made", () => {
  const floor = 0.71;
  const names = ["fibralis", "santecompare", "brightwaveenergy", "axe", "optimarelationclient", "xerox"];
  const heard = ["fi", "fibra", "fibralisse", "souci", "santekompar", "sxxa", "brite", "axes", "optimarelation", "zerox", "ksero", "x", "fibralisvousappelle"];

  it("rules out only runs whose similarity cannot reach the floor", () => {
    let ruledOut = 0;
    for (const name of names) {
      for (const run of heard) {
        const form = { plain: name, sound: soundKey(name) };
        if (mayReachFloor(run, form, floor)) continue;
        ruledOut++;
        expect(soundedSimilarity({ plain: run, sound: soundKey(run) }, form, floor), `${run} / ${name}`).toBeLessThan(floor);
      }
    }
    expect(ruledOut).toBeGreaterThan(10);
  });
});

describe("spelling similarity", () => {
  // The reference: natural's Jaro-Winkler and Levenshtein, both always computed.
  const reference = (a: string, b: string) => (a === b ? 1 : Math.min(jaroWinkler(a, b), 1 - levenshtein(a, b) / Math.max(a.length, b.length)));

  it("is the same when the distance is read off its bounds as when natural computes it", () => {
    const names = ["fibralis", "santecompare", "brightwave", "assurea", "optimarelation"];
    const edits = (word: string, seed: number): string[] => {
      // Past the first letter, which a name must keep (see `mayBeSimilar`).
      const at = 1 + (seed % (word.length - 1));
      return [word.slice(0, at) + word.slice(at + 1), word.slice(0, at) + "e" + word.slice(at), word.slice(0, at) + "z" + word.slice(at + 1), word.slice(0, at) + word.slice(at + 1, at + 2) + word[at] + word.slice(at + 2), word + "s", `${word.slice(0, 3)}x${word.slice(5)}`];
    };
    let compared = 0;
    for (const name of names) {
      for (let seed = 0; seed < 12; seed++) {
        for (const heard of edits(name, seed)) {
          const expected = Math.max(reference(heard, name), reference(soundKey(heard), soundKey(name)));
          expect(nameSimilarity(heard, name), `${heard} / ${name}`).toBeCloseTo(expected, 12);
          compared++;
        }
      }
    }
    expect(compared).toBe(360);
  });

  it("gives natural's distance when it is within k edits, and k + 1 otherwise", () => {
    const words = ["fibralis", "finalistes", "fibrealis", "brightwave", "braitweiv", "salesteamat", "streamnest", "asal", "atla", "", "a", "kinetelsofer", "kotefinder", "abcabcabc", "cbacbacba"];
    let within = 0;
    for (const a of words) {
      for (const b of words) {
        const distance = levenshtein(a, b);
        for (let k = 0; k <= 12; k++) {
          expect(editsWithin(a, b, k), `${a} / ${b} within ${k}`).toBe(Math.min(distance, k + 1));
          if (distance <= k && distance > 0) within++;
        }
      }
    }
    expect(within).toBeGreaterThan(100);
  });
});
