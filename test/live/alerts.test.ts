import { describe, expect, it } from "vitest";
import { analyzeCall } from "../../src/compliance/analyze.ts";
import { loadRulePack } from "../../src/compliance/rule-pack.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import type { CallAnalysis } from "../../src/compliance/types.ts";
import { newAlerts } from "../../src/live/alerts.ts";
import { checklistChanged, liveChecklist } from "../../src/live/checklist.ts";
import type { Utterance } from "../../src/transcript/types.ts";

const pack = loadRulePack();
const settings = resolveSettings({
  language: "fr",
  brands: ["Fibralis"],
  callCentres: ["Axiome Contact"],
  dataSources: ["Comparatel"],
  calledAt: "2026-09-15T10:30:00+02:00",
  recorded: true,
});
const seqOf = (i: number) => i + 1;

const said = (speaker: "agent" | "customer", text: string, i: number): Utterance => ({ speaker, text, start: i * 5, end: i * 5 + 4 });

/** Analyses after each utterance, as the live session runs them. */
function prefixes(lines: Array<["agent" | "customer", string]>): CallAnalysis[] {
  const utterances = lines.map(([who, text], i) => said(who, text, i));
  return utterances.map((_, n) => analyzeCall({ utterances: utterances.slice(0, n + 1), origin: "transcript", language: "fr" }, settings, pack));
}

function alertsAlong(analyses: CallAnalysis[]) {
  return analyses.map((a, i) => newAlerts(analyses[i - 1] ?? null, a, liveChecklist(a, settings, pack, seqOf), seqOf));
}

describe("live checklist", () => {
  it("shows disclosures as owed before the pitch, present once said, and the not-applicable ones as such", () => {
    const [first, second] = prefixes([
      ["agent", "Bonjour madame, Julie de la société Axiome Contact."],
      ["agent", "Je vous appelle pour le compte de Fibralis."],
    ]);
    const one = liveChecklist(first!, settings, pack, seqOf);
    expect(one.find((e) => e.id === "ID_CALLER")).toMatchObject({ status: "present", evidence: { seq: 1 } });
    expect(one.find((e) => e.id === "ART14_IDENTITY")).toMatchObject({ status: "not_applicable", owed: true });
    expect(one.find((e) => e.id === "ID_CALLER")?.owed).toBe(false);
    expect(one.find((e) => e.id === "BLOCTEL_MENTION")).toMatchObject({ status: "not_applicable", owed: false });
    expect(one.find((e) => e.id === "OBJECTION_HONORED")?.status).toBe("not_applicable");
    expect(one.find((e) => e.id === "ID_CALLER")?.label).toBe(pack.elements.find((e) => e.id === "ID_CALLER")!.label.fr);
    const two = liveChecklist(second!, settings, pack, seqOf);
    expect(two.find((e) => e.id === "ART14_IDENTITY")).toMatchObject({ status: "present", evidence: { seq: 2 } });
    expect(checklistChanged(one, two)).toBe(true);
    expect(checklistChanged(two, liveChecklist(second!, settings, pack, seqOf))).toBe(false);
  });
});

describe("alerts from successive analyses", () => {
  it("PITCH_BEFORE_DISCLOSURE fires once, on the pitch utterance, listing what is still owed", () => {
    const alerts = alertsAlong(
      prefixes([
        ["agent", "Bonjour madame, Julie de la société Axiome Contact."],
        ["customer", "Bonjour."],
        ["agent", "Nous avons actuellement une offre exceptionnelle : la fibre à 19,99 € par mois."],
        ["agent", "C'est sans engagement, les trois premiers mois offerts."],
      ]),
    );
    expect(alerts[0]).toEqual([]);
    expect(alerts[1]).toEqual([]);
    const pitch = alerts[2]!.find((a) => a.kind === "PITCH_BEFORE_DISCLOSURE");
    expect(pitch).toMatchObject({ seq: 3 });
    const missing = pitch!.missing!.map((m) => m.id);
    expect(missing).toContain("ART14_IDENTITY");
    expect(missing).toContain("ART14_SOURCE");
    expect(missing).not.toContain("ID_CALLER");
    expect(missing).not.toContain("BLOCTEL_MENTION");
    expect(alerts[3]!.filter((a) => a.kind === "PITCH_BEFORE_DISCLOSURE")).toEqual([]);
  });

  it("no pitch alert when everything was said first", () => {
    const all = alertsAlong(
      prefixes([
        ["agent", "Bonjour madame, Julie de la société Axiome Contact."],
        ["agent", "Je vous appelle pour le compte de Fibralis."],
        ["agent", "Il s'agit d'un appel commercial."],
        ["agent", "Vos coordonnées sont utilisées pour vous présenter les offres de Fibralis."],
        ["agent", "Vos coordonnées nous ont été transmises par notre partenaire Comparatel."],
        ["agent", "Vous pouvez à tout moment vous opposer à être rappelée, il suffit de me le dire."],
        ["agent", "Cet appel est susceptible d'être enregistré à des fins de formation et d'amélioration de la qualité de service."],
        ["agent", "Vous pouvez vous opposer à cet enregistrement, dites-le-moi et je l'arrête."],
        ["agent", "Nous avons actuellement une offre exceptionnelle : la fibre à 19,99 € par mois."],
      ]),
    );
    expect(all.flat()).toEqual([]);
  });

  it("OBJECTION_IGNORED and DISGUISED_CALL fire when their findings first turn bad", () => {
    const analyses = prefixes([
      ["agent", "Bonjour, Julie d'Axiome Contact, je vous appelle pour une petite enquête de satisfaction."],
      ["agent", "Nous avons une offre fibre à 19,99 € par mois."],
      ["customer", "Non merci, ça ne m'intéresse pas, ne me rappelez plus."],
      ["agent", "Mais attendez, avec la fibre à 19,99 € vous économisez beaucoup."],
      ["agent", "Et les trois premiers mois sont offerts."],
    ]);
    const alerts = alertsAlong(analyses).map((list) => list.map((a) => a.kind));
    const last = analyses.at(-1)!;
    expect(last.elements.find((e) => e.id === "COMMERCIAL_NATURE")?.status).toBe("violated");
    expect(last.objections.some((o) => !o.honored)).toBe(true);
    expect(alerts.flat().filter((k) => k === "DISGUISED_CALL")).toHaveLength(1);
    expect(alerts.flat().filter((k) => k === "OBJECTION_IGNORED")).toHaveLength(1);
    const disguisedAt = alerts.findIndex((l) => l.includes("DISGUISED_CALL"));
    const disguisedFirst = analyses.findIndex((a) => a.elements.some((e) => e.id === "COMMERCIAL_NATURE" && e.status === "violated"));
    expect(disguisedAt).toBe(disguisedFirst);
    const ignoredAt = alerts.findIndex((l) => l.includes("OBJECTION_IGNORED"));
    expect(ignoredAt).toBe(analyses.findIndex((a) => a.objections.some((o) => !o.honored)));
  });
});
