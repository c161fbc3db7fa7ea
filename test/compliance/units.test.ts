import { newScratchArena } from "../../src/compliance/scratch.ts";
import { describe, expect, it } from "vitest";
import { parisDate } from "../../src/compliance/call-date.ts";
import { compileCue, compilePattern, type CompiledPattern } from "../../src/compliance/cues.ts";
import { matchCue, type MatchContext } from "../../src/compliance/match.ts";
import { tokenize } from "../../src/compliance/text/normalize.ts";
import { compileRulePack, loadRulePack, type RulePackFile } from "../../src/compliance/rule-pack.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { firstSound, firstSoundSettled, soundKey } from "../../src/compliance/text/phonetic.ts";
import { normalizeWords, splitSentences, toSentences, type StemmedWord } from "../../src/compliance/text/normalize.ts";
import { nameSimilarity } from "../../src/compliance/text/similarity.ts";
import { decideVerdict } from "../../src/compliance/verdict.ts";
import { buildMatchContext } from "../../src/compliance/names.ts";
import { analyze, EN_PITCH, EN_SETTINGS, FR_PITCH, FR_SETTINGS, lines, status } from "./helpers.ts";
import type { Speaker } from "../../src/transcript/types.ts";
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
  it("gives Intl's Paris date for every half hour over 2020-2031, both clock changes included, and for far dates", () => {
    const intl = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });
    const wrong: string[] = [];
    for (let ms = Date.UTC(2020, 0, 1); ms < Date.UTC(2032, 0, 1); ms += 1_800_000) {
      const at = new Date(ms).toISOString();
      if (parisDate(at) !== intl.format(new Date(ms))) wrong.push(at);
    }
    for (const at of ["1900-06-01T23:30:00Z", "1945-12-31T23:30:00Z", "1976-03-28T22:30:00Z", "2100-10-31T22:59:00Z", "9999-12-31T23:30:00Z"]) {
      if (parisDate(at) !== intl.format(new Date(at))) wrong.push(at);
    }
    expect(wrong).toEqual([]);
    expect(parisDate("2026-03-29T00:30:00Z")).toBe("2026-03-29");
    expect(parisDate("2026-10-24T22:30:00Z")).toBe("2026-10-25");
    expect(parisDate("2026-10-25T22:30:00Z")).toBe("2026-10-25");
  });
});

describe("normalizeWords", () => {
  it("reads the runs of letters and digits, lowercased and without accents, with money and percent signs as words", () => {
    expect(normalizeWords("")).toEqual([]);
    expect(normalizeWords(" -- ")).toEqual([]);
    expect(normalizeWords("Bonjour, c'est Éloïse d'Énerlio !")).toEqual(["bonjour", "c", "est", "eloise", "d", "enerlio"]);
    expect(normalizeWords("19,99€/mois, 20% off")).toEqual(["19", "99", "euros", "mois", "20", "percent", "off"]);
    expect(normalizeWords("ÇA COÛTE 3£")).toEqual(["ca", "coute", "3", "pounds"]);
    expect(normalizeWords("x\u00a0y\tz—w")).toEqual(["x", "y", "z", "w"]);
    expect(normalizeWords("naïve café™ straße")).toEqual(["naive", "cafe", "stra", "e"]);
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
    // Every grapheme of the table, soft "c" and "g", doubled sounds, silent endings, digits dropped, capitals read as lower case.
    const keys = { schema: "sema", bateau: "bato", phare: "far", quartz: "kar", chateau: "sato", shopping: "soping", check: "sek", automne: "otomn", laitier: "letier", reine: "ren", rouge: "ruj", cola: "kola", coq: "kok", xavier: "ksavier", zebra: "sebra", wagon: "vagon", yvette: "ive", hache: "ase", guerre: "ger", gilles: "jil", ceci: "sesi", finalistes: "finali", taxxi: "taksksi", cm2024: "km", CHECK: "sek" };
    for (const [word, key] of Object.entries(keys)) expect(soundKey(word), word).toBe(key);
    // The cheap first test must agree with the whole key, silent letters and soft consonants included.
    for (const word of ["hache", "heure", "schema", "ceci", "guerre", "gilles", "phare", "quartz", "xavier", "wattson", "yvette", "eau", "ckx", "123abc", "h", ""]) {
      expect(firstSound(word), word).toBe(soundKey(word)[0] ?? "");
    }
    // Once settled, no letters written after a word change its first sound; before, some do.
    for (const word of ["hache", "sch", "eau", "gue", "gui", "cie", "phi", "hhhabc", "dex", "de", "g", "sc", "hh", "ea"]) {
      for (const next of ["", "e", "i", "y", "u", "au", "h", "ch", "iz"]) {
        if (firstSoundSettled(word)) expect(firstSound(word + next), `${word}+${next}`).toBe(firstSound(word));
      }
    }
    expect(["p", "g", "ea", "hh"].every((word) => !firstSoundSettled(word))).toBe(true);
    expect(firstSound("p") !== firstSound("ph") && firstSound("g") !== firstSound("ge") && firstSound("ea") !== firstSound("eau")).toBe(true);
    expect(nameSimilarity("finalistes", "fibralis")).toBeGreaterThanOrEqual(0.71);
    expect(nameSimilarity("comparatelle", "comparatel")).toBe(1);
    expect(nameSimilarity("assurance", "assurea")).toBeLessThan(0.71);
    expect(nameSimilarity("sfr", "sfa")).toBe(0);
  });
});

describe("names said in pieces or shortened", () => {
  const pack = loadRulePack();
  const heard = (names: string[], text: string) => {
    const ctx = buildMatchContext(resolveSettings({ language: "en", brands: names, callCentres: ["Northgate Contact"] }), pack.lexicons.en, pack.thresholds);
    return matchCue(compileCue("from {brand}", "en"), tokenize(text, "en", { fillers: new Set() }), ctx) !== null;
  };
  it("joins up to two more pieces than the name has words", () => {
    expect(heard(["Fibralis"], "calling from fi bra lis")).toBe(true);
    expect(heard(["Brightwave Energy"], "calling from brigh twave ener gy")).toBe(true);
  });
  it("takes a name without its generic last words, when what is left is long and not generic itself", () => {
    expect(heard(["Brightwave Energy"], "calling from brightwave today")).toBe(true);
    expect(heard(["Brightwave Energy"], "calling from energy today")).toBe(false);
    expect(heard(["Sud Relation"], "calling from sud today")).toBe(false);
    expect(heard(["Direct Energy"], "calling from direct today")).toBe(false);
    // "Plus" is not a generic word: "Énergie Plus" needs both words.
    expect(heard(["Energie Plus"], "calling from energie today")).toBe(false);
  });
  it("drops the legal form a registered name ends with, then each of its generic last words", () => {
    expect(heard(["Koalafone Mobile Pty Ltd"], "calling from koalafone mobile today")).toBe(true);
    expect(heard(["Koalafone Mobile Pty Ltd"], "calling from koalafone today")).toBe(true);
    expect(heard(["Helios Northern Solar Group plc"], "calling from helios northern solar today")).toBe(true);
    expect(heard(["Helios Northern Solar Group plc"], "calling from helios northern today")).toBe(true);
    // Not past a word that tells the company apart, nor down to generic words alone.
    expect(heard(["First Harbor Bank & Trust Co."], "calling from first harbor today")).toBe(true);
    expect(heard(["First Harbor Bank & Trust Co."], "calling from first today")).toBe(false);
    expect(heard(["Direct Energy Ltd"], "calling from direct today")).toBe(false);
  });
  it("takes a company's first word alone when it is long and coined, not when it starts with a word of the rule pack", () => {
    expect(heard(["Kestrel Broadband Ireland Limited"], "calling from kestrel today")).toBe(true);
    expect(heard(["Ravenscourt Publishing Group Ltd"], "calling from ravenscourt today")).toBe(true);
    // "Santéa" alone would be heard in "la santé".
    const fr = buildMatchContext(resolveSettings({ language: "fr", brands: ["Santéa Mutuelle Interprofessionnelle"] }), pack.lexicons.fr, pack.thresholds);
    expect(matchCue(compileCue("dans ?la {brand}", "fr"), tokenize("on travaille dans la santé", "fr", { fillers: new Set() }), fr)).toBeNull();
    // A data source is named by what it is: its first word alone is not it.
    const source = buildMatchContext(resolveSettings({ language: "en", dataSources: ["Western Sydney Homes Directory"] }), pack.lexicons.en, pack.thresholds);
    expect(matchCue(compileCue("from {source}", "en"), tokenize("got it from western sydney homes directory", "en", { fillers: new Set() }), source)).not.toBeNull();
    expect(matchCue(compileCue("from {source}", "en"), tokenize("we heard from western today", "en", { fillers: new Set() }), source)).toBeNull();
  });
  it("hears a name by its initials, as one word or spelt out, exactly", () => {
    expect(heard(["Crédit Mutualiste du Centre-Est"], "calling from cmce today")).toBe(true);
    expect(heard(["Crédit Mutualiste du Centre-Est"], "calling from c m c e today")).toBe(true);
    expect(heard(["Électricité de France SA"], "calling from edf today")).toBe(true);
    expect(heard(["Crédit Mutualiste du Centre-Est"], "calling from cmca today")).toBe(false);
    // Also the initials of a shorter name, and in French spelt out, letter by letter, where "n" reads as an elided "ne".
    expect(heard(["Volt Harbour Charging Solutions Inc."], "calling from vhc today")).toBe(true);
    const fr = buildMatchContext(resolveSettings({ language: "fr", brands: ["Ateliers Normands des Pergolas SARL"] }), pack.lexicons.fr, pack.thresholds);
    const lexicon = pack.lexicons.fr;
    const rules = { fillers: lexicon.fillers, softFillers: lexicon.softFillers, spokenForms: lexicon.spokenForms, knownStems: lexicon.knownStems, stems: new Map<string, StemmedWord>() };
    expect(matchCue(compileCue("de la part de {brand}", "fr"), tokenize("je vous appelle de la part d'A.N.P., le fabricant", "fr", rules), fr)).not.toBeNull();
    expect(matchCue(compileCue("de la part de {brand}", "fr"), tokenize("je vous appelle de la part d'A.N.E.", "fr", rules), fr)).toBeNull();
    // Two letters are too few, and initials that spell a word the rule pack knows are that word.
    expect(heard(["Sud Est"], "calling from se today")).toBe(false);
    expect(heard(["Care And Lifestyle Limited"], "calling from call today")).toBe(false);
  });
  it("drops a leading article people leave out, not a whole short name", () => {
    expect(heard(["The Energy Shop"], "calling from energy shop today")).toBe(true);
    expect(heard(["The Energy Shop"], "calling from the energy shop today")).toBe(true);
    expect(heard(["The Hub"], "calling from hub today")).toBe(false);
  });
});

describe("a disclosure said over two utterances", () => {
  const objection = (...turns: Array<[Speaker, string]>) => analyze(lines(...turns, EN_PITCH), EN_SETTINGS);
  const objectionFr = (...turns: Array<[Speaker, string]>) => analyze(lines(...turns, FR_PITCH), FR_SETTINGS);
  it("counts when the first stops on a word that cannot end a sentence, dated at the first", () => {
    const result = objection(["agent", "And you can, like, say no to"], ["agent", "any more calls from us, just tell me."]);
    expect(status(result, "ART21_OBJECTION_INFO")).toBe("present");
    expect(result.elements.find((e) => e.id === "ART21_OBJECTION_INFO")?.evidence).toMatchObject({ utteranceIndex: 0, text: "And you can, like, say no to any more calls from us, just tell me" });
  });
  it("also when the customer cuts in with one turn ('sorry?'), as a reader of the call would take it", () => {
    expect(status(objection(["agent", "And you can, like, say no to"], ["customer", "Mm?"], ["agent", "any more calls from us."]), "ART21_OBJECTION_INFO")).toBe("present");
    expect(status(objectionFr(["agent", "Vous avez le droit de dire non à..."], ["customer", "Quoi ?"], ["agent", "...à nos appels, quand vous voulez."]), "ART21_OBJECTION_INFO")).toBe("present");
  });

  it("not over two turns of the other side, nor when the first ends a sentence or on a word that can end one", () => {
    expect(status(objection(["agent", "And you can, like, say no to"], ["customer", "Mm."], ["unknown", "Hm."], ["agent", "any more calls from us."]), "ART21_OBJECTION_INFO")).toBe("missing");
    expect(status(objection(["agent", "You can say no to."], ["agent", "Any more calls from us, we'll see."]), "ART21_OBJECTION_INFO")).toBe("missing");
    const recorded = analyze(lines(["agent", "the call's recorded for quality"], ["agent", "what are you paying right now for your phone"]), EN_SETTINGS);
    expect(status(recorded, "REC_NOTICE")).toBe("present");
    expect(status(recorded, "REC_OBJECTION_RIGHT")).toBe("missing");
  });
});

describe("sentences", () => {
  it("keeps decimal numbers whole", () => {
    expect(splitSentences("C'est 19,99 €. Par mois! Ok")).toEqual(["C'est 19,99 €", "Par mois", "Ok"]);
    expect(splitSentences("Price is 24.99 pounds. Deal?")).toEqual(["Price is 24.99 pounds", "Deal"]);
  });
  it("a semicolon or a colon joins clauses of one sentence (the second often refers back to the first)", () => {
    expect(splitSentences("L'appel est enregistré ; si vous le refusez, je l'arrête.")).toEqual(["L'appel est enregistré ; si vous le refusez, je l'arrête"]);
    expect(splitSentences("This is a sales call: we'd like to tell you about our plans. Okay?")).toEqual([
      "This is a sales call: we'd like to tell you about our plans",
      "Okay",
    ]);
  });
  it("a question mark set apart after an ellipsis ends the sentence as a question", () => {
    expect(splitSentences("Le chauffage, c'est électrique, gaz... ? Bon.")).toEqual(["Le chauffage, c'est électrique, gaz", "Bon"]);
    const fr = loadRulePack().lexicons.fr;
    const rules = { fillers: fr.fillers, softFillers: fr.softFillers, spokenForms: fr.spokenForms, knownStems: fr.knownStems, stems: new Map<string, StemmedWord>() };
    const [asked, said] = toSentences("Le chauffage, c'est électrique, gaz... ? Bon...", "fr", rules);
    expect(asked?.question).toBe(true);
    expect(said?.question).toBe(false);
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
  it("cue syntax: a phrase group stands for each of its word sequences, where a|b alone is one word", () => {
    const pack = loadRulePack();
    const ctx = buildMatchContext(resolveSettings({ language: "en", brands: ["Fibralis"] }), pack.lexicons.en, pack.thresholds);
    const matches = (cue: string, text: string) => matchCue(compileCue(cue, "en"), tokenize(text, "en", { fillers: new Set() }), ctx) !== null;
    const group = "(it s|this call is) about|regarding ..(new|) offer*";
    expect(compileCue(group, "en").all[0]!.variants).toHaveLength(4);
    expect(matches(group, "it's about our new offers")).toBe(true);
    expect(matches(group, "this call is regarding offers")).toBe(true);
    expect(matches(group, "this is about our offers")).toBe(false);
    // Without the group the same words say [it] [s or this] [call] [is]: "it's about" no longer matches.
    expect(matches("it s|this call is about|regarding ..offer*", "it's about our new offers")).toBe(false);
    expect(matches("calling ..(on behalf of|for) {brand}", "I'm calling on behalf of Fibralis")).toBe(true);
    expect(matches("calling ..(on behalf of|for) {brand}", "I'm calling about Fibralis")).toBe(false);
    for (const bad of ["(a b", "a b)", "((a b))", "(a (b) c)"]) expect(() => compileCue(bad, "en")).toThrow(/unbalanced or nested/);
    expect(() => compileCue("?(a b) c", "en")).toThrow(/empty alternative/);
    expect(() => compileCue(Array.from({ length: 30 }, () => "(a|b)").join(" "), "en")).toThrow(/more than 256/);
  });
  it("cue syntax: phrases written without parentheses are refused, with the way to write them", () => {
    for (const split of ["it s|it is about", "paying ..a year|a month", "you re|you are with", "how many ...have you got|do you have"]) {
      expect(() => compileCue(split, "en")).toThrow(/repeats the alternative .*write phrases as \(a b\|c d\)/);
    }
    // Repeated words that are meant stay possible: single words, optional ones, or a group.
    for (const meant of ["non non", "qui (qui|que) vous", "ne ?jamais rien|jamais|pas"]) expect(() => compileCue(meant, "fr")).not.toThrow();
    // A word twice among one word's alternatives: "we|we re" is [we or we] then [re].
    for (const split of ["thought ..we|we re from", "arret* de m appeler|appeler|deranger", "..voulez|preferez|voulez"]) {
      expect(() => compileCue(split, "fr")).toThrow(/lists "(we|appeler|voulez)" twice.*\(a b\|c d\)/);
    }
    expect(() => compileCue("thought ..(we|we re) from", "en")).not.toThrow();
  });
  it("cue syntax: @list stands for the words of a named list, among other alternatives", () => {
    const lists = new Map([["offer", ["offre*", "box"]]]);
    const cue = compileCue({ all: ["present* ..@offer|alarme*"] }, "fr", lists);
    const word = cue.all[0]!.variants[0]![2]!;
    expect(word.kind === "word" && word.alternatives).toMatchObject([{ prefix: "offre" }, { stem: "box" }, { prefix: "alarme" }]);
    expect(() => compileCue("present* @nothing", "fr", lists)).toThrow(/unknown word list @nothing/);
  });
  it("a lexicon compiles each pattern once: its cues share it, and it is what compiling it alone gives", () => {
    const file = JSON.parse(readFileSync(DEFAULT_RULE_PACK_PATH, "utf8")) as RulePackFile;
    const lexicon = compileRulePack(file).lexicons.fr;
    const lists = new Map(Object.entries(file.lexicons.fr.wordLists ?? {}));
    const cues = [...lexicon.elements.values(), lexicon.hardPitch, lexicon.softPitch, lexicon.disguise, lexicon.objection, lexicon.pushback].flat();
    const bySource = new Map<string, CompiledPattern>();
    let shared = 0;
    for (const pattern of cues.flatMap((c) => [...c.all, ...c.any, ...c.none, ...c.notNear, ...c.notAfter, ...c.notBefore])) {
      const seen = bySource.get(pattern.source);
      if (seen) shared++;
      expect(seen ?? pattern).toBe(pattern);
      bySource.set(pattern.source, pattern);
    }
    expect(shared).toBeGreaterThan(100);
    for (const [source, pattern] of bySource) {
      const alone = compilePattern(source, "fr", lists);
      expect({ ...pattern, requirement: [...pattern.requirement] }).toEqual({ ...alone, requirement: [...alone.requirement] });
    }
  });
  it("a pack whose needs questions follow no disclosure element is refused", () => {
    const good = JSON.parse(readFileSync(DEFAULT_RULE_PACK_PATH, "utf8")) as RulePackFile;
    for (const after of [[], ["OBJECTION_HONORED"], ["NOT_AN_ELEMENT"]]) {
      const bad = structuredClone(good);
      bad.lexicons.fr.pitch.questions!.after = after as never;
      expect(() => compileRulePack(bad)).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID", message: expect.stringMatching(/pitch\.questions\.after/) }));
    }
    const without = structuredClone(good);
    delete without.lexicons.en.pitch.questions;
    expect(compileRulePack(without).lexicons.en.needsQuestions).toBeNull();
  });
  it("a pack whose word list is not a list of single words is refused", () => {
    const good = JSON.parse(readFileSync(DEFAULT_RULE_PACK_PATH, "utf8")) as RulePackFile;
    const bad = structuredClone(good);
    bad.lexicons.en.wordLists = { offer: ["special offer"] };
    expect(() => compileRulePack(bad)).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID", message: expect.stringMatching(/wordLists\.offer/) }));
    const unknown = structuredClone(good);
    unknown.lexicons.fr.pitch.soft.push("vous avez ..@nothing");
    expect(() => compileRulePack(unknown)).toThrow(/unknown word list @nothing/);
  });
  it("a cue word that is a filler (dropped from the text, so never matched) is refused, wherever it stands", () => {
    const good = JSON.parse(readFileSync(DEFAULT_RULE_PACK_PATH, "utf8")) as RulePackFile;
    const bad = structuredClone(good);
    bad.lexicons.en.elements.ART14_PURPOSE!.push({ all: ["detail*"], any: ["so that we can"] }, "uh|ok ..done");
    expect(() => compileRulePack(bad)).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID", message: expect.stringMatching(/"so that we can" \("so"\).*"uh\|ok \.\.done" \("uh"\).*\("ok"\)/) }));
    const french = structuredClone(good);
    french.lexicons.fr.objection.push("bon|euh ..merci");
    expect(() => compileRulePack(french)).toThrow(/"bon\|euh \.\.merci" \("euh"\)/);
    const prefix = structuredClone(good);
    prefix.lexicons.en.objection.push("ok*|nope");
    expect(() => compileRulePack(prefix)).not.toThrow();
  });
  it("spoken forms must be one word standing for words", () => {
    const good = JSON.parse(readFileSync(DEFAULT_RULE_PACK_PATH, "utf8")) as RulePackFile;
    const bad = structuredClone(good);
    bad.lexicons.en.spokenForms = { "do not": "don't" };
    expect(() => compileRulePack(bad)).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID", message: expect.stringMatching(/spokenForms/) }));
    const notText = structuredClone(good);
    notText.lexicons.en.spokenForms = { dont: 3 as unknown as string };
    expect(() => compileRulePack(notText)).toThrow(expect.objectContaining({ code: "RULE_PACK_INVALID", message: expect.stringMatching(/spokenForms/) }));
  });
});

describe("matching a cue", () => {
  const ctx: MatchContext = {
    names: { brand: [], callcentre: [], org: [], source: [] },
    numberWords: new Set(),
    minNameSimilarity: 0.71,
    nameScores: new Map(),
    runScores: new Map(),
    soundKeys: new Map(),
    maxNamePieces: 0,
    runOns: new Map(),
    wordIndex: new Map(),
    cueScreen: null,
    screens: new Map(),
    scratch: newScratchArena(),
  };
  const cue = compileCue({ all: ["record*"], notNear: ["not be record*"] }, "en");
  const match = (text: string) => matchCue(cue, tokenize(text, "en", { fillers: new Set() }), ctx);

  it("a local exclusion rules out the place it touches, not a later one", () => {
    expect(match("if you'd rather not be recorded say so and this call is recorded")).toMatchObject({ startToken: 13, endToken: 14 });
  });
  it("and rules the sentence out when every place is touched", () => {
    expect(match("if you'd rather not be recorded say so")).toBeNull();
  });
});
