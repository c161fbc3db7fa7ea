// The sentence model: what it sees of a sentence, how it is fitted, how a model file is checked,
// and how the engine uses it (a fallback before the pitch that a cue's exclusion still overrides).
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeCall } from "../../src/compliance/analyze.ts";
import { buildMatchContext } from "../../src/compliance/names.ts";
import { compileRulePack, DEFAULT_RULE_PACK_PATH, ELEMENT_IDS, loadRulePack, type RulePackFile } from "../../src/compliance/rule-pack.ts";
import { compileSentenceModel, probability, sentenceFeatures, type SentenceModelFile } from "../../src/compliance/sentence-model.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { toSentences } from "../../src/compliance/text/normalize.ts";
import { fitLogistic, type Example } from "../../scripts/sentence-model-training.ts";
import { readEvalSplit } from "../eval/eval-case.ts";
import { readBanks } from "../eval/paraphrase-bank.ts";
import { EN_PITCH, EN_SETTINGS, FR_PITCH, FR_SETTINGS, lines } from "./helpers.ts";

const packFile = JSON.parse(readFileSync(DEFAULT_RULE_PACK_PATH, "utf8")) as RulePackFile;
const cuesOnly = compileRulePack(packFile);

function featuresOf(text: string, language: "fr" | "en" = "en") {
  const settings = resolveSettings(language === "en" ? EN_SETTINGS : FR_SETTINGS);
  const lexicon = cuesOnly.lexicons[language];
  const ctx = buildMatchContext(settings, lexicon, cuesOnly.thresholds);
  return toSentences(text, language, lexicon).flatMap((s) => sentenceFeatures(s.tokens, ctx));
}

/** A model file whose only knowledge is `weights` for one element in one language. */
function modelFile(language: "fr" | "en", element: string, weights: Record<string, number>, bias = -6): SentenceModelFile {
  const features = Object.keys(weights);
  const empty = { features: [], elements: {} };
  return {
    packVersion: packFile.version,
    trainedOn: { banks: [], devCalls: 0 },
    validation: "test",
    threshold: 0.5,
    languages: {
      fr: empty,
      en: empty,
      [language]: { features, elements: { [element]: { bias, weights: features.map((f, i) => [i, weights[f]!] as [number, number]) } } },
    },
  };
}

describe("what the sentence model sees", () => {
  it("stems, neighbour pairs, the campaign's names as slots and numbers as one token", () => {
    const f = featuresOf("Hi, Sam from Northgate Calls, for Brightwave Energy, twenty pounds.");
    expect(f).toEqual(expect.arrayContaining(["<callcentre>", "<brand>", "<num>", "from <callcentre>", "for <brand>", "^ hi", "pound $"]));
    expect(f.some((x) => /northgat|brightwav/.test(x))).toBe(false);
  });

  it("a name said in pieces is one slot, and soft fillers are left out", () => {
    const f = featuresOf("calling for bright wave energy you know");
    expect(f).toEqual(expect.arrayContaining(["for <brand>"]));
    expect(f).not.toContain("know");
  });

  it("probability is the logistic of the bias plus the weights of the features present", () => {
    const model = { bias: -1, weights: new Map([["a", 2], ["b", 5]]) };
    expect(probability(model, [])).toBeCloseTo(1 / (1 + Math.exp(1)));
    expect(probability(model, ["a", "c"])).toBeCloseTo(1 / (1 + Math.exp(-1)));
  });
});

describe("fitting", () => {
  const examples: Example[] = [
    ...Array.from({ length: 5 }, (_, i) => ({ features: ["object", `w${i}`], label: 1 as const })),
    ...Array.from({ length: 40 }, (_, i) => ({ features: ["hello", `w${i}`], label: 0 as const })),
  ];

  it("separates what it was shown, whatever the class sizes", () => {
    const m = fitLogistic(examples);
    expect(probability(m, ["object", "new"])).toBeGreaterThan(0.9);
    expect(probability(m, ["hello", "new"])).toBeLessThan(0.1);
  });

  it("is deterministic and refuses a single class", () => {
    expect([...fitLogistic(examples).weights]).toEqual([...fitLogistic(examples).weights]);
    expect(() => fitLogistic(examples.filter((e) => e.label === 0))).toThrow(/both positive and negative/);
  });
});

describe("a model file", () => {
  it("is refused with RULE_PACK_INVALID when its threshold, elements or weights do not hold", () => {
    const good = modelFile("en", "ART14_PURPOSE", { x: 1 });
    expect(() => compileSentenceModel({ ...good, threshold: 1 }, ELEMENT_IDS)).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID" }));
    expect(() => compileSentenceModel(modelFile("en", "NOT_AN_ELEMENT", { x: 1 }), ELEMENT_IDS)).toThrow(/unknown element/);
    const dangling = structuredClone(good);
    dangling.languages.en.elements.ART14_PURPOSE!.weights.push([7, 1]);
    expect(() => compileSentenceModel(dangling, ELEMENT_IDS)).toThrow(/weight for no feature/);
  });

  it("that a pack names but that cannot be read makes the pack unreadable", () => {
    const dir = mkdtempSync(join(tmpdir(), "pack-"));
    writeFileSync(join(dir, "pack.json"), JSON.stringify({ ...packFile, sentenceModel: "missing.json" }));
    expect(() => loadRulePack(join(dir, "pack.json"))).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID", message: expect.stringMatching(/sentence model/) }));
  });
});

describe("the engine with a sentence model", () => {
  // "zorblax" is no word any cue knows: only the model can read it as a purpose.
  const withModel = compileRulePack(packFile, modelFile("en", "ART14_PURPOSE", { zorblax: 9 }));
  const purpose = (pack: typeof cuesOnly, ...turns: Parameters<typeof lines>) => {
    const result = analyzeCall({ utterances: lines(...turns), origin: "transcript" }, resolveSettings(EN_SETTINGS), pack);
    return result.elements.find((e) => e.id === "ART14_PURPOSE")!;
  };

  it("takes a sentence no cue knows as the element when it comes before the pitch, as evidence with its probability", () => {
    const finding = purpose(withModel, ["agent", "We zorblax, basically."], EN_PITCH);
    expect(finding.status).toBe("present");
    expect(finding.evidence).toMatchObject({ utteranceIndex: 0, cue: "sentence model", text: "We zorblax, basically" });
    expect(finding.evidence!.score).toBeGreaterThan(0.9);
    expect(purpose(cuesOnly, ["agent", "We zorblax, basically."], EN_PITCH).status).toBe("missing");
  });

  it("is not used after the pitch, nor where a cue already found the element", () => {
    expect(purpose(withModel, EN_PITCH, ["agent", "We zorblax, basically."]).status).toBe("missing");
    const byCue = purpose(withModel, ["agent", "We zorblax, and I'm calling to tell you about our broadband deals."], EN_PITCH);
    expect(byCue.evidence?.cue).not.toBe("sentence model");
  });

  it("accepts a name element only where a campaign name is heard: a first name alone names no company", () => {
    const pack = compileRulePack(packFile, modelFile("en", "ID_CALLER", { zorblax: 9 }));
    const caller = (text: string) =>
      analyzeCall({ utterances: lines(["agent", text], EN_PITCH), origin: "transcript" }, resolveSettings(EN_SETTINGS), pack).elements.find((e) => e.id === "ID_CALLER")!;
    expect(caller("Sam zorblax, good morning.").status).toBe("missing");
    expect(caller("Northgate Calls zorblax, good morning.")).toMatchObject({ status: "present", evidence: { cue: "sentence model" } });
  });

  it("never overrides a cue's exclusion: Bloctel alone stays no right to object, whatever the model says", () => {
    const pack = compileRulePack(packFile, modelFile("fr", "ART21_OBJECTION_INFO", { bloctel: 12 }));
    const result = analyzeCall(
      { utterances: lines(["agent", "Vous pouvez vous opposer au démarchage en vous inscrivant sur Bloctel."], FR_PITCH), origin: "transcript" },
      resolveSettings(FR_SETTINGS),
      pack,
    );
    expect(result.elements.find((e) => e.id === "ART21_OBJECTION_INFO")!.status).toBe("missing");
  });
});

describe("the bundled sentence model", () => {
  const model = JSON.parse(readFileSync(join(DEFAULT_RULE_PACK_PATH, "..", packFile.sentenceModel!), "utf8")) as SentenceModelFile;

  it("was trained for this pack version, on today's tune banks and dev calls (else: npm run train:sentence-model)", () => {
    expect(model.packVersion).toBe(packFile.version);
    expect(model.trainedOn.banks).toEqual([...readBanks("tune", "fr"), ...readBanks("tune", "en")].map((b) => b.fileName));
    expect(model.trainedOn.devCalls).toBe(readEvalSplit("dev").length);
  });

  it("is loaded with the pack, for every element that states something", () => {
    const pack = loadRulePack();
    for (const language of ["fr", "en"] as const) {
      expect([...pack.lexicons[language].sentenceModel.keys()].sort()).toEqual(ELEMENT_IDS.filter((id) => id !== "OBJECTION_HONORED").sort());
    }
  });
});
