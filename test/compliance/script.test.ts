import { describe, expect, it } from "vitest";
import { checkScript, parseScript } from "../../src/compliance/script.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { FR_SETTINGS, pack, status } from "./helpers.ts";

const SCRIPT = `# Script d'appel Fibralis

1. Bonjour, je suis {prénom}, de la société Axiome Contact, pour le compte de Fibralis.
2. Il s'agit d'un appel commercial.
[Si le client demande pourquoi il est appelé, répondre :]
- **Vous êtes chez quel opérateur aujourd'hui ?**
Client: Chez un autre.
- Je vous propose notre offre fibre à 24,99 € par mois.
- Vos coordonnées nous ont été transmises par Comparatel.
`;

describe("call scripts", () => {
  it("reads spoken lines in order, skipping headings and stage directions", () => {
    const t = parseScript(SCRIPT);
    expect(t.origin).toBe("script");
    expect(t.utterances.map((u) => u.speaker)).toEqual(["agent", "agent", "agent", "customer", "agent", "agent"]);
    expect(t.utterances[2]!.text).toBe("Vous êtes chez quel opérateur aujourd'hui ?");
    expect(t.utterances.map((u) => u.start)).toEqual([0, 1, 2, 3, 4, 5]);
  });
  it("reports elements missing and coming after the pitch", () => {
    const r = checkScript(SCRIPT, resolveSettings(FR_SETTINGS), pack);
    expect(r.pitchOnset?.utteranceIndex).toBe(2);
    expect(status(r, "ID_CALLER")).toBe("present");
    expect(status(r, "COMMERCIAL_NATURE")).toBe("present");
    expect(status(r, "ART14_SOURCE")).toBe("late");
    expect(status(r, "ART21_OBJECTION_INFO")).toBe("missing");
    expect(r.verdict).toBe("non_compliant");
  });
  it("an empty script is refused", () => {
    expect(() => parseScript("# Title only\n\n")).toThrow(expect.objectContaining({ code: "SCRIPT_INVALID" }));
  });
});
