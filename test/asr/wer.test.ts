import { describe, expect, it } from "vitest";
import { scoringWords, wordErrors } from "../../scripts/bench/wer.ts";

describe("word error rate (benchmark scoring)", () => {
  it("scores words without case, punctuation or elision apostrophes", () => {
    expect(scoringWords("Échec à l'ouverture de session. Composez-le!")).toEqual(["échec", "à", "l", "ouverture", "de", "session", "composez", "le"]);
  });

  it("counts substitutions, deletions and insertions", () => {
    const ref = scoringWords("vous êtes maintenant en ligne");
    expect(wordErrors(ref, ref)).toBe(0);
    expect(wordErrors(ref, scoringWords("vous êtes maintenant hors ligne"))).toBe(1);
    expect(wordErrors(ref, scoringWords("vous êtes en ligne"))).toBe(1);
    expect(wordErrors(ref, scoringWords("alors vous êtes maintenant en ligne"))).toBe(1);
    expect(wordErrors(ref, [])).toBe(5);
  });
});
