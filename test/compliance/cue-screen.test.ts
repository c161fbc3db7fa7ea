// The cue screen only saves work: it must never rule out a cue that matches.
import { describe, expect, it } from "vitest";
import { buildCueScreenIndex, firstSlotOfList, keyWords, mayHold, nextCandidate, screenWords } from "../../src/compliance/cue-screen.ts";
import { compileCue, compilePattern, type CompiledCue } from "../../src/compliance/cues.ts";
import { matchCueInSentence, screenOf, someCueMayMatchJoined } from "../../src/compliance/match.ts";
import { buildMatchContext } from "../../src/compliance/names.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { tokenize, toSentences, windowsOf } from "../../src/compliance/text/normalize.ts";
import { readEvalSplit, type EvalCase } from "../eval/eval-case.ts";
import { addKey, addPrefixKeys, bucketOf, emptyWordKeys, encodeRequirement, mayHaveKey, mayHoldIn, unionOfWordKeys } from "../../src/compliance/word-keys.ts";
import { prefixKey, stemKey } from "../../src/compliance/text/word-hash.ts";
import { newScratchArena } from "../../src/compliance/scratch.ts";
import { pack } from "./helpers.ts";

describe("word keys", () => {
  it("gives a word's prefixes, read letter by letter, the keys of the prefixes written out", () => {
    const keys = emptyWordKeys();
    addPrefixKeys("offre", keys);
    const prefixes = ["", "o", "of", "off", "offr", "offre"].map(prefixKey);
    expect(keys.keys).toEqual(prefixes);
    for (const key of prefixes) expect(mayHaveKey(keys, key)).toBe(true);
    expect(mayHaveKey(keys, prefixKey("offres"))).toBe(false);
  });

  it("keeps a stem apart from the prefix spelt the same", () => {
    expect(stemKey("offr")).not.toBe(prefixKey("offr"));
    expect(stemKey("offr")).toBe(stemKey("offr"));
  });
});

describe("a word-key set", () => {
  const keysOf = (...words: string[]) => {
    const keys = emptyWordKeys(newScratchArena());
    for (const word of words) addPrefixKeys(word, keys);
    return keys;
  };

  it("joined with another holds the keys of both", () => {
    const union = unionOfWordKeys(keysOf("offre"), keysOf("offert", "appel"));
    for (const prefix of ["offre", "offert", "appel", "app"]) expect(mayHaveKey(union, prefixKey(prefix))).toBe(true);
    expect(mayHaveKey(union, prefixKey("offres"))).toBe(false);
    const together = keysOf("offre", "offert", "appel");
    expect(union.keys).toEqual(together.keys);
    expect([...union.bits]).toEqual([...together.bits]);
  });
});

describe("a pattern's required words", () => {
  const holds = (pattern: string, text: string) => {
    const keys = emptyWordKeys();
    for (const token of tokenize(text, "en", { fillers: new Set() })) {
      addKey(keys, stemKey(token.stem));
      addPrefixKeys(token.norm, keys);
    }
    return mayHoldIn(compilePattern(pattern, "en").requirement, keys);
  };

  it("are written once for variants that differ in one word only", () => {
    // [tell or show or explain] [you or people] [about]: one variant, not nine.
    expect(compilePattern("(tell|show|explain) ..(you|people|folk) ..about", "en").requirement[0]).toBe(1);
    expect(compilePattern("survey / poll / questionnaire", "en").requirement[0]).toBe(1);
    // Phrases of different words stay apart: "sales call" is not [sales or marketing] [call or pitch].
    expect(compilePattern("(sales call|marketing pitch)", "en").requirement[0]).toBe(2);
    expect(compilePattern("on behalf of / de la part de", "en").requirement[0]).toBe(2);
  });

  it("rule a sentence out only when no variant has all its words", () => {
    expect(holds("(tell|show|explain) ..(you|people) ..about", "let me show people about it")).toBe(true);
    expect(holds("(tell|show|explain) ..(you|people) ..about", "let me show you the offer")).toBe(false);
    expect(holds("(sales call|marketing pitch)", "this is a sales pitch")).toBe(false);
    expect(holds("(sales call|marketing pitch)", "a marketing pitch")).toBe(true);
    expect(holds("on behalf of / de la part de", "la part du lion")).toBe(false);
    expect(holds("on behalf of / de la part de", "de la part")).toBe(true);
    expect(holds("{brand}", "anything at all")).toBe(true);
  });

  it("hold in two sentences' keys together as in their union, made or not", () => {
    const keysOf = (text: string) => {
      const keys = emptyWordKeys();
      for (const token of tokenize(text, "en", { fillers: new Set() })) {
        addKey(keys, stemKey(token.stem));
        addPrefixKeys(token.norm, keys);
      }
      return keys;
    };
    const patterns = ["(tell|show|explain) ..(you|people) ..about", "(sales call|marketing pitch)", "on behalf of", "opt out ..of ..calls", "{brand}"];
    const texts = ["let me show you", "people about it", "this is a sales", "call from us", "on behalf", "of Orvane", "you can opt out", "of these calls", "marketing pitch"];
    let across = 0;
    for (const source of patterns) {
      const requirement = compilePattern(source, "en").requirement;
      for (const first of texts) {
        for (const second of texts) {
          const together = mayHoldIn(requirement, keysOf(first), keysOf(second));
          expect(together, `${source}: ${first} / ${second}`).toBe(mayHoldIn(requirement, unionOfWordKeys(keysOf(first), keysOf(second))));
          if (together && !mayHoldIn(requirement, keysOf(first)) && !mayHoldIn(requirement, keysOf(second))) across++;
        }
      }
    }
    // Pairs where only the two together hold the words: "let me show you" / "people about it".
    expect(across).toBeGreaterThan(5);
  });

  it("are tested one word with few alternatives first, a long list of alternatives last", () => {
    // The variant count, its length, its word count, then the first word's alternative count: "devis", one.
    const requirement = compilePattern("abonnement*|installation*|equipement*|assurance* ..devis", "fr").requirement;
    expect([...requirement.slice(0, 4)]).toEqual([1, 8, 2, 1]);
    expect(holds("abonnement*|installation*|equipement*|assurance* ..devis", "un devis pour votre installation")).toBe(true);
  });
});

describe("key words of a cue", () => {
  it("takes, per variant, the rarest-looking required word of the pattern with the fewest", () => {
    const cue = compileCue({ all: ["right to object / unsubscrib*", "call*"] }, "en");
    expect(keyWords(cue)).toMatchObject([{ prefix: "call" }]);
    expect(keyWords(compileCue("right to object / unsubscrib*", "en"))).toMatchObject([{ stem: "object" }, { prefix: "unsubscrib" }]);
  });

  it("takes a longer word over a stop word of either language, however long the stop word", () => {
    // By length alone, "because" and "notre" would be the keys: found in most sentences.
    expect(keyWords(compileCue("because ..your ..bill", "en"))).toMatchObject([{ stem: "bill" }]);
    expect(keyWords(compileCue("notre ..avis", "fr"))).toMatchObject([{ word: "avis" }]);
    expect(keyWords(compileCue("before ..after", "en"))).toMatchObject([{ stem: "befor" }]);
  });

  it("has none when a variant needs no word (a name alone)", () => {
    expect(keyWords(compileCue("{brand} / on behalf of {brand}", "en"))).toBeNull();
  });
});

describe("the lexicon's cue screen", () => {
  const lexiconCues = (language: "fr" | "en"): CompiledCue[] => {
    const lexicon = pack.lexicons[language];
    const answers = [...lexicon.answers.values()].flat().flatMap((a) => [...a.question, ...a.answer, ...a.denial]);
    const questions = lexicon.needsQuestions ? [...lexicon.needsQuestions.about, ...lexicon.needsQuestions.not, ...lexicon.needsQuestions.asks] : [];
    return [...lexicon.elements.values(), answers, lexicon.hardPitch, lexicon.softPitch, questions, lexicon.disguise, lexicon.objection, lexicon.pushback].flat();
  };

  it("gives every cue of the lexicon its own slot", () => {
    for (const language of ["fr", "en"] as const) {
      const slots = lexiconCues(language).map((c) => c.screenSlot);
      expect(new Set(slots).size).toBe(slots.length);
      expect(pack.lexicons[language].cueScreen.size).toBe(slots.length);
    }
  });

  it("lays every requirement in one buffer, each as its pattern's required words encode it", () => {
    for (const language of ["fr", "en"] as const) {
      const cues = lexiconCues(language);
      const patterns = cues.flatMap((c) => [...c.all, ...c.any, ...c.none, ...c.notNear, ...c.notAfter, ...c.notBefore]);
      for (const pattern of patterns) expect([...pattern.requirement]).toEqual([...encodeRequirement(pattern.required)]);
      for (const cue of cues) if (cue.anyRequirement) expect([...cue.anyRequirement]).toEqual([...encodeRequirement(cue.any.flatMap((p) => p.required))]);
      const buffers = new Set([...patterns.map((p) => p.requirement.buffer), ...cues.flatMap((c) => (c.anyRequirement ? [c.anyRequirement.buffer] : []))]);
      expect(buffers.size).toBe(1);
    }
  });

  it("gives each variant the key its first word must have only when that word is required and one stem", () => {
    for (const language of ["fr", "en"] as const) {
      const patterns = lexiconCues(language).flatMap((c) => [...c.all, ...c.any, ...c.none, ...c.notNear, ...c.notAfter, ...c.notBefore]);
      let keyed = 0;
      for (const pattern of patterns) {
        pattern.variants.forEach(([first], v) => {
          const sole = first!.kind === "word" && !first!.optional && first!.soleStemKey >= 0 ? first!.alternatives : null;
          expect(pattern.firstKeys[v]).toBe(sole ? stemKey(sole[0]!.stem!) : -1);
          if (sole) keyed++;
        });
      }
      expect(keyed).toBeGreaterThan(patterns.length / 2);
    }
  });

  /** The first `count` dev calls, each with its lexicon, a match context and its sentences in call order. */
  const devCalls = (count: number) =>
    readEvalSplit("dev")
      .slice(0, count)
      .map((file) => {
        const c = file.json as EvalCase;
        const lexicon = pack.lexicons[c.settings.language];
        const ctx = buildMatchContext(resolveSettings(c.settings), lexicon, pack.thresholds);
        return { c, lexicon, ctx, sentences: c.utterances.flatMap((u) => toSentences(u.text, c.settings.language, lexicon)) };
      });

  // Every (sentence, cue) pair the screen rules out is matched in full: seconds, not milliseconds.
  it("never rules out a cue that matches a sentence of the dev calls, and rules out most cues", () => {
    let checked = 0;
    let ruledOut = 0;
    for (const { c, ctx, sentences } of devCalls(80)) {
      for (const sentence of sentences) {
        const screen = screenOf(sentence.tokens, ctx)!;
        for (const cue of lexiconCues(c.settings.language)) {
          checked++;
          if (mayHold(cue, screen)) continue;
          ruledOut++;
          expect(matchCueInSentence(cue, sentence, ctx), `${c.id}: "${sentence.text}"`).toBeNull();
        }
      }
    }
    expect(ruledOut / checked).toBeGreaterThan(0.8);
  }, 60_000);

  // Two sentences are joined only when one of the cues may match them together (see prepared.ts).
  it("never rules out two sentences joined when a cue matches them, and rules out most pairs", () => {
    let pairs = 0;
    let ruledOut = 0;
    for (const { c, lexicon, ctx, sentences } of devCalls(60)) {
      for (let i = 0; i + 1 < sentences.length; i++) {
        const [first, second] = [sentences[i]!, sentences[i + 1]!];
        const tokens = [...first.tokens, ...second.tokens];
        const joined = { text: `${first.text} ${second.text}`, tokens, windows: windowsOf(tokens), question: second.question, punctuated: true };
        for (const cues of lexicon.elements.values()) {
          pairs++;
          if (someCueMayMatchJoined(cues, first.tokens, second.tokens, ctx)) continue;
          ruledOut++;
          for (const cue of cues) expect(matchCueInSentence(cue, joined, ctx), `${c.id}: "${joined.text}"`).toBeNull();
        }
      }
    }
    expect(ruledOut / pairs).toBeGreaterThan(0.5);
  }, 60_000);

  it("reads a lexicon list's candidates off the marks, and asks each cue of any other list", () => {
    const lexicon = pack.lexicons.en;
    const index = lexicon.cueScreen;
    const hard = lexicon.hardPitch;
    expect(firstSlotOfList(hard, index)).toBe(hard[0]!.screenSlot);
    // A list made from the lexicon's cues is not one of its lists: its cues are asked one by one.
    expect(firstSlotOfList(hard.slice(1), index)).toBeUndefined();
    expect(firstSlotOfList([...lexicon.softPitch, ...hard], index)).toBeUndefined();
    const ctx = buildMatchContext(resolveSettings({ language: "en" }), lexicon, pack.thresholds);
    const [sentence] = toSentences("we can get you a better price on your energy bill", "en", lexicon);
    const screen = screenOf(sentence!.tokens, ctx)!;
    const first = hard[0]!.screenSlot!;
    const read: CompiledCue[] = [];
    for (let slot = nextCandidate(screen, first, first + hard.length); slot < first + hard.length; slot = nextCandidate(screen, slot + 1, first + hard.length)) read.push(hard[slot - first]!);
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((cue) => mayHold(cue, screen))).toEqual(hard.filter((cue) => mayHold(cue, screen)));
  });

  it("makes a cue a candidate by its key word's whole key, not by another key in the same bucket", () => {
    const cues = ["tariff", "survey"].map((c, screenSlot) => ({ ...compileCue(c, "en"), screenSlot }));
    const index = buildCueScreenIndex(cues);
    const [tariff, survey] = cues.map((cue) => cue.keyWords![0]!.key);
    // The key of a made-up stem that falls in the bucket of "tariff"'s key.
    let stranger = 0;
    for (let n = 0; !stranger; n++) if (bucketOf(stemKey(`w${n}`)) === bucketOf(tariff!) && stemKey(`w${n}`) !== tariff) stranger = stemKey(`w${n}`);
    const keysOf = (...keys: number[]) => {
      const set = emptyWordKeys();
      for (const key of keys) addKey(set, key);
      return set;
    };
    const arena = newScratchArena();
    expect([...screenWords(keysOf(stranger, survey!), index, arena).marks]).toEqual([0, 1]);
    expect([...screenWords(keysOf(tariff!), index, arena).marks]).toEqual([1, 0]);
  });

  it("takes as lists only runs of consecutive slots in slot order", () => {
    const cues = ["offer", "price", "deal"].map((c, screenSlot) => ({ ...compileCue(c, "en"), screenSlot }));
    const [inOrder, reversed, withHole] = [cues.slice(1), [cues[2]!, cues[1]!], [cues[0]!, cues[2]!]];
    const index = buildCueScreenIndex(cues, [inOrder, reversed, withHole]);
    expect(firstSlotOfList(inOrder, index)).toBe(1);
    expect(firstSlotOfList(reversed, index)).toBeUndefined();
    expect(firstSlotOfList(withHole, index)).toBeUndefined();
  });
});
