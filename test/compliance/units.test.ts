import { describe, expect, it } from "vitest";
import { parisDate } from "../../src/compliance/call-date.ts";
import { compileCue } from "../../src/compliance/cues.ts";
import { compileRulePack, loadRulePack, type RulePackFile } from "../../src/compliance/rule-pack.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { soundKey } from "../../src/compliance/text/phonetic.ts";
import { splitSentences } from "../../src/compliance/text/normalize.ts";
import { nameSimilarity } from "../../src/compliance/text/similarity.ts";
import { decideVerdict } from "../../src/compliance/verdict.ts";
import type { ElementFinding } from "../../src/compliance/types.ts";
import { readFileSync } from "node:fs";
import { DEFAULT_RULE_PACK_PATH } from "../../src/compliance/rule-pack.ts";

const f = (status: ElementFinding["status"], confidence = 1): ElementFinding => ({ id: "ID_CALLER", status, confidence });

describe("decideVerdict", () => {
  it("follows the vocabulary", () => {
    expect(decideVerdict(true, [f("present"), f("not_applicable")], 0.5)).toBe("compliant");
    expect(decideVerdict(true, [f("present"), f("late")], 0.5)).toBe("non_compliant");
    expect(decideVerdict(true, [f("present"), f("undeterminable")], 0.5)).toBe("needs_review");
    expect(decideVerdict(true, [f("missing", 0.3)], 0.5)).toBe("needs_review");
    expect(decideVerdict(false, [f("not_applicable")], 0.5)).toBe("not_applicable");
    expect(decideVerdict(false, [f("violated")], 0.5)).toBe("non_compliant");
  });
});

describe("parisDate", () => {
  it("reads dates without offset as Paris time and converts others", () => {
    expect(parisDate("2026-08-10")).toBe("2026-08-10");
    expect(parisDate("2026-08-10T23:59:00")).toBe("2026-08-10");
    expect(parisDate("2026-08-10T22:30:00Z")).toBe("2026-08-11");
    expect(parisDate("2026-08-10T23:30:00+02:00")).toBe("2026-08-10");
    expect(parisDate("yesterday")).toBeNull();
  });
});

describe("settings", () => {
  it("rejects what the engine could not apply", () => {
    expect(() => resolveSettings({ calledAt: "not a date" })).toThrow(/calledAt/);
    expect(() => resolveSettings({ language: "de" as "fr" })).toThrow(/language/);
    expect(resolveSettings({}).pitchMode).toBe("strict");
  });
});

describe("names", () => {
  it("matches by sound and spelling, not by accident", () => {
    expect(soundKey("Fibralis")).toBe(soundKey("fibralisse"));
    expect(nameSimilarity("finalistes", "fibralis")).toBeGreaterThanOrEqual(0.71);
    expect(nameSimilarity("comparatelle", "comparatel")).toBe(1);
    expect(nameSimilarity("assurance", "assurea")).toBeLessThan(0.71);
    expect(nameSimilarity("sfr", "sfa")).toBe(0);
  });
});

describe("sentences", () => {
  it("keeps decimal numbers whole", () => {
    expect(splitSentences("C'est 19,99 €. Par mois! Ok")).toEqual(["C'est 19,99 €", "Par mois", "Ok"]);
    expect(splitSentences("Price is 24.99 pounds. Deal?")).toEqual(["Price is 24.99 pounds", "Deal"]);
  });
});

describe("rule packs", () => {
  it("the bundled pack compiles", () => {
    const pack = loadRulePack();
    expect(pack.id).toBe("telemarketing-fr-en");
    expect(pack.elements).toHaveLength(10);
  });
  it("a broken pack is refused with RULE_PACK_INVALID", () => {
    const good = JSON.parse(readFileSync(DEFAULT_RULE_PACK_PATH, "utf8")) as RulePackFile;
    expect(() => compileRulePack({ ...good, elements: good.elements.slice(1) })).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID" }));
    const badCue = structuredClone(good);
    badCue.lexicons.fr.pitch.hard.push("{nonsense}");
    expect(() => compileRulePack(badCue)).toThrow(/unknown slot/);
    expect(() => loadRulePack("/nonexistent/pack.json")).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID" }));
  });
  it("cue syntax: alternatives, prefixes, optional words, gaps", () => {
    const cue = compileCue({ all: ["vous ?pouvez ..oppos* / droit d opposition"] }, "fr");
    expect(cue.all[0]!.variants).toHaveLength(2);
    expect(cue.all[0]!.variants[0]!.map((p) => p.kind)).toEqual(["word", "word", "gap", "word"]);
  });
});
