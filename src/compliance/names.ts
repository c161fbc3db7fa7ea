import type { EntitySlot } from "./cues.ts";
import type { MatchContext, NameEntry } from "./match.ts";
import type { Lexicon, Thresholds } from "./rule-pack.ts";
import { normalizeWords } from "./text/normalize.ts";
import { soundKey } from "./text/phonetic.ts";
import type { CallSettings } from "./types.ts";

function toEntries(names: string[]): NameEntry[] {
  return names
    .map((display) => ({ display, words: normalizeWords(display) }))
    .filter((n) => n.words.length > 0)
    .map((n) => {
      const plain = n.words.join("");
      return { display: n.display, joined: { plain, sound: soundKey(plain) }, wordCount: n.words.length };
    });
}

export function buildMatchContext(settings: CallSettings, lexicon: Lexicon, thresholds: Thresholds): MatchContext {
  const brands = toEntries(settings.brands);
  const callCentres = toEntries(settings.callCentres);
  const names: Record<EntitySlot, NameEntry[]> = {
    brand: brands,
    callcentre: callCentres,
    org: [...brands, ...callCentres],
    source: toEntries(settings.dataSources),
  };
  return { names, numberWords: lexicon.numberWords, minNameSimilarity: thresholds.minNameSimilarity, nameScores: new WeakMap(), soundKeys: new Map() };
}
