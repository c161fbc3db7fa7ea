import type { EntitySlot } from "./cues.ts";
import type { MatchContext, NameEntry } from "./match.ts";
import type { Lexicon, Thresholds } from "./rule-pack.ts";
import { newScratchArena } from "./scratch.ts";
import { normalizeWords } from "./text/normalize.ts";
import { soundKey } from "./text/phonetic.ts";
import type { Sounded } from "./text/similarity.ts";
import type { CallSettings } from "./types.ts";

/** A short form must be this long at least: a shorter first word ("Sud" of "Sud Relation") is too often an ordinary word. */
const MIN_SHORT_FORM = 5;

/** A generic word, or two run together ("homecare", "teleservices"): ordinary words that do not tell one company from another. */
function isGeneric(word: string, generic: ReadonlySet<string>): boolean {
  if (generic.has(word)) return true;
  for (let cut = 2; cut <= word.length - 2; cut++) if (generic.has(word.slice(0, cut)) && generic.has(word.slice(cut))) return true;
  return false;
}

/**
 * The name without its generic last words ("Axiome" for "Axiome Contact"), or undefined when
 * every word counts or what is left is generic too or too short to tell apart from ordinary speech.
 */
function shortForm(words: string[], generic: ReadonlySet<string>): Sounded | undefined {
  let keep = words.length;
  while (keep > 1 && isGeneric(words[keep - 1]!, generic)) keep--;
  // "Direct Energy" said as "direct" is an ordinary word, not the name.
  if (keep === words.length || words.slice(0, keep).every((w) => isGeneric(w, generic))) return undefined;
  return longEnough(words.slice(0, keep));
}

/** The name's words without its leading article or kind ("Guide du Jeune Retraité" for "Le Guide du Jeune Retraité"), or null. */
function withoutArticle(words: string[], articles: ReadonlySet<string>): string[] | null {
  return words.length > 1 && articles.has(words[0]!) ? words.slice(1) : null;
}

/** The words as one form of the name, or undefined when too short to tell apart from ordinary speech. */
function longEnough(words: string[]): Sounded | undefined {
  const plain = words.join("");
  return plain.length >= MIN_SHORT_FORM ? { plain, sound: soundKey(plain) } : undefined;
}

function toEntries(names: string[], lexicon: Lexicon, firstIndex: number): NameEntry[] {
  return names
    .map((display) => ({ display, words: normalizeWords(display) }))
    .filter((n) => n.words.length > 0)
    .map((n, i) => {
      const plain = n.words.join("");
      // Both ends may be dropped at once: "Toitsûr" for "Mutuelle Toitsûr Habitat et Famille".
      const unarticled = withoutArticle(n.words, lexicon.nameArticles);
      const shortForms = [
        shortForm(n.words, lexicon.genericNameWords),
        unarticled && longEnough(unarticled),
        unarticled && shortForm(unarticled, lexicon.genericNameWords),
      ].filter((f) => f !== undefined && f !== null);
      return { display: n.display, forms: [{ plain, sound: soundKey(plain) }, ...shortForms], wordCount: n.words.length, index: firstIndex + i };
    });
}

export function buildMatchContext(settings: CallSettings, lexicon: Lexicon, thresholds: Thresholds): MatchContext {
  const brands = toEntries(settings.brands, lexicon, 0);
  const callCentres = toEntries(settings.callCentres, lexicon, brands.length);
  const names: Record<EntitySlot, NameEntry[]> = {
    brand: brands,
    callcentre: callCentres,
    org: [...brands, ...callCentres],
    source: toEntries(settings.dataSources, lexicon, brands.length + callCentres.length),
  };
  return { names, numberWords: lexicon.numberWords, minNameSimilarity: thresholds.minNameSimilarity, nameScores: new Map(), runScores: new Map(), soundKeys: new Map(), firstSounds: new Map(), runOns: new Map(), wordIndex: new Map(), cueScreen: lexicon.cueScreen, screens: new Map(), scratch: newScratchArena() };
}
