// The engine's hot objects must each share one V8 object shape: cues copied with a spread had one
// shape each, every read of a cue's fields then missed V8's inline caches, and the engine ran 1.11x
// slower with the same output. Shapes are compared with V8's %HaveSameMap, which needs its own
// process (--allow-natives-syntax).
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const PROBE = `
const sameMap = new Function("a", "b", "return %HaveSameMap(a, b)");
const shapes = (objects) => objects.reduce((reps, o) => (reps.some((r) => sameMap(r, o)) ? reps : [...reps, o]), []).length;
const { loadRulePack } = await import("./src/compliance/rule-pack.ts");
const { resolveSettings } = await import("./src/compliance/settings.ts");
const { prepareUtterances } = await import("./src/compliance/prepared.ts");
const pack = loadRulePack();
const cues = [pack.lexicons.fr, pack.lexicons.en].flatMap((lexicon) => lexicon.cueScreen.cues);
const patterns = cues.flatMap((c) => [...c.all, ...c.any, ...c.none, ...c.notNear, ...c.notAfter, ...c.notBefore]);
const settings = [{}, { language: "fr", brands: ["Fibralis"] }, { calledAt: "2026-03-02T10:00:00", recorded: false, dataSources: ["jeu concours"] }, { pitchMode: "hard_only", leadOrigin: "own_customers", callCentres: ["Call Pro"] }].map(resolveSettings);
const utterances = [
  { speaker: "agent", start: 0, end: 4, text: "Bonjour, je suis Léa de Call Pro. L’appel est enregistré !" },
  { speaker: "customer", start: 4, end: 6, text: "Euh, c'est pour quoi ?" },
  { speaker: "agent", start: 6, end: 9, text: "This call is recorded, you can opt out" },
];
const sentences = prepareUtterances({ utterances, origin: "transcript" }, "fr", pack.lexicons.fr, pack.thresholds, ["Fibralis"]).flatMap((u) => u.sentences);
console.log(JSON.stringify({ cues: shapes(cues), patterns: shapes(patterns), settings: shapes(settings), sentences: shapes(sentences), tokens: shapes(sentences.flatMap((s) => s.tokens)) }));
`;

describe("object shapes", () => {
  it("gives every compiled cue, pattern, call settings, sentence and token one shape of its kind", () => {
    const out = execFileSync(process.execPath, ["--allow-natives-syntax", "--import", "tsx", "--input-type=module", "--eval", PROBE], { encoding: "utf8" });
    expect(JSON.parse(out)).toEqual({ cues: 1, patterns: 1, settings: 1, sentences: 1, tokens: 1 });
  });
});
