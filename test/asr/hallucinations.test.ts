import { describe, expect, it } from "vitest";
import { collapseLoops, dropHallucinations } from "../../src/asr/hallucinations.ts";

const piece = (text: string) => ({ text, probabilities: [0.5] });

describe("dropHallucinations", () => {
  it("drops the same sentence invented again and again over silence", () => {
    const heard = dropHallucinations(["Merci de votre appel.", "Merci de votre appel.", "merci de votre appel", "Au revoir."].map(piece));
    expect(heard.map((p) => p.text)).toEqual(["Merci de votre appel.", "Au revoir."]);
  });

  it("drops stock subtitle phrases that stand alone, not words inside real speech", () => {
    const heard = dropHallucinations(["Sous-titrage ST' 501", "Thanks for watching!", "Merci d'avoir regardé le contrat avec moi."].map(piece));
    expect(heard.map((p) => p.text)).toEqual(["Merci d'avoir regardé le contrat avec moi."]);
  });

  it("keeps every distinct sentence", () => {
    const texts = ["Bonjour.", "Je suis Julie de la société Axiome.", "Je vous appelle pour Fibralis."];
    expect(dropHallucinations(texts.map(piece)).map((p) => p.text)).toEqual(texts);
  });
});

describe("collapseLoops", () => {
  it("writes once a phrase looping three times or more", () => {
    expect(collapseLoops("je vous je vous je vous je vous appelle")).toBe("je vous appelle");
    expect(collapseLoops("no no no no no")).toBe("no");
  });

  it("leaves a word said twice alone", () => {
    expect(collapseLoops("non non merci")).toBe("non non merci");
  });
});
