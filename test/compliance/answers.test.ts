// Disclosures given as answers to the customer's questions, and named in one turn then referred back to in the next.
import { describe, expect, it } from "vitest";
import { compileRulePack, type RulePackFile } from "../../src/compliance/rule-pack.ts";
import type { Speaker } from "../../src/transcript/types.ts";
import { readFileSync } from "node:fs";
import { DEFAULT_RULE_PACK_PATH } from "../../src/compliance/rule-pack.ts";
import { analyze, EN_PITCH, EN_SETTINGS, FR_PITCH, FR_SETTINGS, lines, status } from "./helpers.ts";

const en = (...turns: Array<[Speaker, string]>) => analyze(lines(...turns, EN_PITCH), EN_SETTINGS);
const fr = (...turns: Array<[Speaker, string]>) => analyze(lines(...turns, FR_PITCH), FR_SETTINGS);

describe("a disclosure given as the answer to the customer's question", () => {
  it("a yes to 'is this recorded?' is the recording notice, quoted from the agent's answer", () => {
    const result = en(["customer", "Is this call being recorded?"], ["agent", "Yeah, all our calls are."]);
    expect(status(result, "REC_NOTICE")).toBe("present");
    expect(result.elements.find((e) => e.id === "REC_NOTICE")?.evidence).toMatchObject({ utteranceIndex: 1, text: "Yeah, all our calls are" });
    expect(status(fr(["customer", "Et là, c'est enregistré, votre truc ?"], ["agent", "Oui, tout à fait."]), "REC_NOTICE")).toBe("present");
  });

  it("a no, or a yes to something else, is not", () => {
    expect(status(en(["customer", "Is this call being recorded?"], ["agent", "No, it isn't."]), "REC_NOTICE")).toBe("missing");
    expect(status(en(["customer", "Have you got a minute?"], ["agent", "Yes, of course."]), "REC_NOTICE")).toBe("missing");
  });

  it("the answer is the agent's very next turn, not a later one", () => {
    expect(status(en(["customer", "Is this recorded?"], ["customer", "Hello?"], ["agent", "Yes."]), "REC_NOTICE")).toBe("missing");
  });

  it("the brand named in answer to 'who are you with?' is the principal; not when the customer named it first", () => {
    expect(status(en(["customer", "Who are you with?"], ["agent", "Brightwave."]), "ART14_IDENTITY")).toBe("present");
    expect(status(fr(["customer", "Vous appelez pour qui ?"], ["agent", "Fibralis, l'opérateur."]), "ART14_IDENTITY")).toBe("present");
    expect(status(en(["customer", "Who is Brightwave?"], ["agent", "Brightwave is an energy supplier."]), "ART14_IDENTITY")).toBe("missing");
  });

  it("a yes to 'so you're calling for Brightwave?' states the principal", () => {
    expect(status(en(["customer", "Hang on, so you're calling for Brightwave?"], ["agent", "Yeah, that's who we're calling for."]), "ART14_IDENTITY")).toBe("present");
  });

  it("the source named in answer to 'where did you get my number?' is the source; a dodge is not", () => {
    expect(status(en(["customer", "Where'd you get my number?"], ["agent", "SwitchSmart, a while back."]), "ART14_SOURCE")).toBe("present");
    expect(status(en(["customer", "Where'd you get my number?"], ["agent", "Oh, it's just a list we have."]), "ART14_SOURCE")).toBe("missing");
  });

  it("a yes to 'can I say no to these calls?' is the right to object", () => {
    expect(status(en(["customer", "Can I say no to these calls though?"], ["agent", "Yeah, course you can."]), "ART21_OBJECTION_INFO")).toBe("present");
    expect(status(en(["customer", "Can I refuse these calls?"], ["agent", "Yes, of course."]), "ART21_OBJECTION_INFO")).toBe("present");
    expect(status(fr(["customer", "Je peux refuser vos appels ?"], ["agent", "Bien sûr, vous pouvez."]), "ART21_OBJECTION_INFO")).toBe("present");
  });

  it("'c'est ça' to 'vous appelez pour Fibralis ?' states the principal", () => {
    expect(status(fr(["customer", "Vous appelez pour Fibralis, c'est ça ?"], ["agent", "C'est ça."]), "ART14_IDENTITY")).toBe("present");
  });

  it("an offer to stop the recording after 'is this recorded?' is the right to refuse it, even without the word", () => {
    const result = en(["customer", "Is this being recorded?"], ["agent", "It is, yeah, but if you'd prefer it wasn't, that's no bother at all, I can turn it off now."]);
    expect(status(result, "REC_NOTICE")).toBe("present");
    expect(status(result, "REC_OBJECTION_RIGHT")).toBe("present");
  });
});

describe("something named in one turn and referred back to in the next", () => {
  it("counts across one customer turn, quoted from the turn that refers back", () => {
    const result = fr(["agent", "Vous connaissez Fibralis, l'opérateur ?"], ["customer", "Euh, vaguement."], ["agent", "Voilà, c'est pour eux que je vous appelle."]);
    expect(status(result, "ART14_IDENTITY")).toBe("present");
    expect(result.elements.find((e) => e.id === "ART14_IDENTITY")?.evidence).toMatchObject({ utteranceIndex: 2, text: "Voilà, c'est pour eux que je vous appelle" });
  });

  it("not across two turns of the other side", () => {
    const result = fr(["agent", "Vous connaissez Fibralis, l'opérateur ?"], ["customer", "Euh."], ["customer", "Vaguement."], ["agent", "C'est pour eux que je vous appelle."]);
    expect(status(result, "ART14_IDENTITY")).toBe("missing");
  });
});

describe("a disclosure over a short aside in the same turn", () => {
  it("the right to refuse the recording after 'Not keen?' counts, quoted whole", () => {
    const result = en(["agent", "Heads up, the call's recorded for quality. Not keen? Tell me and I'll stop it."]);
    expect(status(result, "REC_OBJECTION_RIGHT")).toBe("present");
    expect(result.elements.find((e) => e.id === "REC_OBJECTION_RIGHT")?.evidence?.text).toBe("Heads up, the call's recorded for quality. Not keen? Tell me and I'll stop it");
    expect(status(fr(["agent", "Ah, et on est enregistrés, hein, pour former les collègues. Ça vous embête ? Je peux couper, aucun souci."]), "REC_OBJECTION_RIGHT")).toBe("present");
  });

  it("not over a sentence of more than a few words, nor over another turn", () => {
    expect(status(en(["agent", "Heads up, the call's recorded for quality. We ring a lot of people in your area about their energy. Tell me and I'll stop it."]), "REC_OBJECTION_RIGHT")).toBe("missing");
    expect(status(en(["agent", "Heads up, the call's recorded for quality."], ["customer", "Not keen."], ["agent", "Well, we do ring a lot of people. Tell me and I'll stop it."]), "REC_OBJECTION_RIGHT")).toBe("missing");
  });
});

describe("answers in the rule pack", () => {
  const good = JSON.parse(readFileSync(DEFAULT_RULE_PACK_PATH, "utf8")) as RulePackFile;
  it("refuses an unknown element and a pair without its cue lists", () => {
    const unknown = structuredClone(good);
    unknown.lexicons.en.answers = { NOPE: [] } as unknown as RulePackFile["lexicons"]["en"]["answers"];
    expect(() => compileRulePack(unknown)).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID", message: expect.stringMatching(/unknown element NOPE/) }));
    const partial = structuredClone(good);
    partial.lexicons.en.answers = { REC_NOTICE: [{ question: ["record*"] }] } as unknown as RulePackFile["lexicons"]["en"]["answers"];
    expect(() => compileRulePack(partial)).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID", message: expect.stringMatching(/answers.REC_NOTICE\[0\].answer/) }));
  });
});
