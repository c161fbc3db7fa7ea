import { describe, expect, it } from "vitest";
import type { EvalCase } from "./eval-case.ts";
import { insertFillers, lowercaseNoPunct, newFillerState, numbersAsWords, perturbCase, PERTURBATION_FAMILIES, seededRng, splitName, splitWord } from "./perturb.ts";

const call: EvalCase = {
  id: "dev-fr-999",
  description: "hand example",
  settings: { language: "fr", brands: ["Fibralis"], callCentres: ["Axiome Contact"], dataSources: ["Comparatel"], calledAt: "2026-09-21T18:30:00+02:00", recorded: false, leadOrigin: "third_party" },
  utterances: [
    { speaker: "agent", start: 0.5, end: 4, text: "Bonjour, je suis Paul d'Axiome Contact pour Fibralis ; c'est un appel commercial." },
    { speaker: "customer", start: 4.5, end: 6, text: "Ah ? Oui…" },
    { speaker: "agent", start: 6.5, end: 12, text: "Je vous propose la fibre à 29,99 € par mois, appelez le 01 23 45 67 89 ; votre numéro vient de Comparatel." },
  ],
  expected: {
    verdict: "non_compliant",
    pitchUtterance: 2,
    elements: {
      ID_CALLER: "present", ART14_IDENTITY: "present", COMMERCIAL_NATURE: "present", ART14_PURPOSE: "missing", ART14_SOURCE: "late",
      ART21_OBJECTION_INFO: "missing", REC_NOTICE: "not_applicable", REC_OBJECTION_RIGHT: "not_applicable", BLOCTEL_MENTION: "not_applicable", OBJECTION_HONORED: "not_applicable",
    },
  },
};

describe("ASR-like perturbations of labelled calls", () => {
  it("lowercase-nopunct leaves one run of lowercase words, keeping elisions, hyphens and decimal commas", () => {
    expect(lowercaseNoPunct("Bonjour, c'est « Fibralis » ! Est-ce 19,99 € ? Oui... d'accord: l'offre; ‘quoted’")).toBe(
      "bonjour c'est fibralis est-ce 19,99 € oui d'accord l'offre quoted",
    );
  });

  it("numbers-as-words writes prices, percentages and plain numbers out in the call's language, not phone numbers", () => {
    expect(numbersAsWords("la fibre à 29,99 € par mois, 0,19 € le kWh, 10 % de remise, 24 mois, 5G, appelez le 01 23 45 67 89", "fr")).toBe(
      "la fibre à vingt-neuf euros quatre-vingt-dix-neuf par mois, dix-neuf centimes le kWh, dix pour cent de remise, vingt-quatre mois, 5G, appelez le 01 23 45 67 89",
    );
    expect(numbersAsWords("£30 a month, or 24.99, save 20%, press 2. Call 0800 123 456", "en")).toBe(
      "thirty pounds a month, or twenty-four ninety-nine, save twenty percent, press two. Call 0800 123 456",
    );
    expect(numbersAsWords("71, 80, 91, 200, 2026", "fr")).toBe("soixante et onze, quatre-vingts, quatre-vingt-onze, deux cents, deux mille vingt-six");
  });

  it("split-names cuts a name near its middle at a syllable, or drops a space in a name of several words", () => {
    expect(splitWord("Fibralis")).toBe("fibra lis");
    expect(splitWord("Kinetel")).toBe("kine tel");
    expect(splitWord("Orbiphone")).toBe("orbi phone");
    const forms = new Set(Array.from({ length: 8 }, (_v, i) => splitName("Axiome Contact", seededRng(`k${i}`))));
    expect([...forms].every((f) => f === "axiomecontact" || f === "axi ome contact" || f === "axiome con tact")).toBe(true);
  });

  it("fillers go between words about every 8 words, never inside a configured name", () => {
    const rng = seededRng("fillers");
    const text = "je suis Paul de chez Axiome Contact pour Fibralis et je vous appelle au sujet de votre box internet et de votre abonnement mobile ce matin";
    const out = insertFillers(text, "fr", ["Axiome Contact", "Fibralis"], newFillerState(rng), rng);
    expect(out).toContain("Axiome Contact");
    const added = out.split(" ").length - text.split(" ").length;
    expect(added).toBeGreaterThanOrEqual(2);
    expect(added).toBeLessThanOrEqual(5);
    expect(out.split(" ").filter((w) => !["euh", "ben", "hein"].includes(w)).join(" ")).toBe(text);
  });

  it("every family is deterministic and changes only the text: speakers, times, settings and labels stay", () => {
    for (const family of PERTURBATION_FAMILIES) {
      const a = perturbCase(call, family);
      expect(perturbCase(call, family)).toEqual(a);
      expect(a.expected).toEqual(call.expected);
      expect(a.settings).toEqual(call.settings);
      expect(a.utterances.map(({ text: _t, ...rest }) => rest)).toEqual(call.utterances.map(({ text: _t, ...rest }) => rest));
      expect(a.utterances.map((u) => u.text)).not.toEqual(call.utterances.map((u) => u.text));
    }
  });

  it("the whole set of families on a hand example keeps the words that carry the labels", () => {
    const all = perturbCase(call, "all").utterances.map((u) => u.text);
    expect(all[0]).toMatch(/^bonjour .*axiome ?con ?tact|axiomecontact/);
    expect(all[0]).toMatch(/fibra lis/);
    expect(all[0]).not.toMatch(/[,.;!?]/);
    expect(all[2]).toMatch(/vingt-neuf euros/);
    expect(all[2]).toMatch(/01 23 45 67 89/);
    expect(all[2]).toMatch(/compa ratel/);
  });
});
