// A hit scan reads a call only as far as it is asked to, and answers as a full search would.
import { describe, expect, it } from "vitest";
import { buildMatchContext } from "../../src/compliance/names.ts";
import { agentSide } from "../../src/compliance/pitch.ts";
import { findHits, inCallOrder, prepareUtterances, scanHits, type Hit } from "../../src/compliance/prepared.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import type { CallSettings } from "../../src/compliance/types.ts";
import type { Utterance } from "../../src/transcript/types.ts";
import { readEvalSplit, type EvalCase } from "../eval/eval-case.ts";
import { EN_SETTINGS, lines, pack } from "./helpers.ts";

function prepare(utterances: Utterance[], partial: Partial<CallSettings>) {
  const settings = resolveSettings(partial);
  const language = settings.language === "fr" ? "fr" : "en";
  const lexicon = pack.lexicons[language];
  const ctx = buildMatchContext(settings, lexicon, pack.thresholds);
  const names = [...settings.brands, ...settings.callCentres, ...settings.dataSources];
  const prepared = prepareUtterances({ utterances, origin: "transcript" }, language, lexicon, pack.thresholds, names);
  return { lexicon, ctx, prepared };
}

const where = (h: Hit) => `${h.utterance.index}:${h.sentenceIndex}:${h.match.startToken}:${h.match.cue}`;

describe("a hit scan", () => {
  // Every element's cues over the first dev calls, with run-ons and statements over two sentences.
  it("finds the first hit, and the hits up to each utterance, that the full search finds", () => {
    let compared = 0;
    for (const file of readEvalSplit("dev").slice(0, 120)) {
      const c = file.json as EvalCase;
      const { lexicon, ctx, prepared } = prepare(c.utterances, c.settings);
      const options = { runOn: true, acrossSentences: true, call: prepared };
      for (const cues of lexicon.elements.values()) {
        const all = findHits(agentSide(prepared), cues, ctx, options);
        expect(scanHits(agentSide(prepared), cues, ctx, options).find()?.match).toEqual(all[0]?.match);
        const scan = scanHits(agentSide(prepared), cues, ctx, options);
        for (const u of prepared) {
          expect(scan.through(u.index).map(where), `${c.id} through ${u.index}`).toEqual(all.filter((h) => h.utterance.index <= u.index).map(where));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(5000);
  });

  it("reads no utterance past the first hit when asked for it", () => {
    const call = lines(
      ["agent", "Hello, this is Sam from Brightwave Energy."],
      ["customer", "Oh, hello."],
      ["agent", "I'm calling on behalf of Brightwave Energy."],
      ["customer", "Right."],
      ["agent", "We have a fixed tariff at 59 pounds a month."],
    );
    const { lexicon, ctx, prepared } = prepare(call, EN_SETTINGS);
    const scan = scanHits(agentSide(prepared), lexicon.elements.get("ART14_IDENTITY")!, ctx, { runOn: true, acrossSentences: true, call: prepared });
    expect(scan.find()?.utterance.index).toBe(0);
    // The match context keeps a screen for each sentence a cue search has read, where the cues
    // asked about are marked (may hold, 2, or ruled out, 3). A run-on check before two sentences
    // are joined only reads which key words the next one has.
    const read = (index: number) => prepared[index]!.sentences.some((s) => ctx.screens.get(s.tokens)?.marks.some((mark) => mark >= 2) ?? false);
    expect(read(0)).toBe(true);
    expect(read(2)).toBe(false);
    expect(read(4)).toBe(false);
    expect(scan.through(2).map((h) => h.utterance.index)).toEqual([0, 2]);
    expect(read(2)).toBe(true);
    expect(read(4)).toBe(false);
  });

  it("merges hits found otherwise in call order, after the scanned hits they tie with", () => {
    const call = lines(
      ["agent", "Hello, this is Sam from Brightwave Energy."],
      ["customer", "Who did you say?"],
      ["agent", "I'm calling on behalf of Brightwave Energy."],
    );
    const { lexicon, ctx, prepared } = prepare(call, EN_SETTINGS);
    const cues = lexicon.elements.get("ART14_IDENTITY")!;
    const scanned = findHits(agentSide(prepared), cues, ctx);
    expect(scanned.map((h) => h.utterance.index)).toEqual([0, 2]);
    const tie = { ...scanned[1]!, match: { ...scanned[1]!.match, cue: "an answer" } };
    const earlier = { ...scanned[0]!, match: { ...scanned[0]!.match, startToken: 0, cue: "before" } };
    const hits = scanHits(agentSide(prepared), cues, ctx, {}, [earlier, tie]).through(Infinity);
    expect(hits.map((h) => h.match.cue)).toEqual(["before", scanned[0]!.match.cue, scanned[1]!.match.cue, "an answer"]);
    expect([...hits].sort(inCallOrder)).toEqual(hits);
  });
});
