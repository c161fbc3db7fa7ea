import type { EntitySlot } from "./cues.ts";
import { maxPieces, type MatchContext, type NameEntry } from "./match.ts";
import type { Lexicon, Thresholds } from "./rule-pack.ts";
import { newScratchArena } from "./scratch.ts";
import { expandElision, normalizeWords } from "./text/normalize.ts";
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
 * The name without the legal form it ends with ("Voltaris Energy" for "Voltaris Energy Ltd",
 * "Koalafone Mobile" for "Koalafone Mobile Pty Ltd"): a company registers it, nobody says it on
 * the phone. Null when the name has none, or is nothing else.
 */
function withoutLegalForm(words: string[], legalForms: ReadonlySet<string>): string[] | null {
  let keep = words.length;
  while (keep > 1 && legalForms.has(words[keep - 1]!)) keep--;
  return keep < words.length ? words.slice(0, keep) : null;
}

/**
 * The name without one, then two, ... of its generic last words ("Helios Northern Solar", then
 * "Helios Northern" for "Helios Northern Solar Group"): people say as much of it as they like.
 * Not down to generic words alone: "Direct Energy" said as "direct" is an ordinary word, not the name.
 */
function shorterNames(words: string[], generic: ReadonlySet<string>): string[][] {
  const names: string[][] = [];
  for (let keep = words.length - 1; keep >= 1 && isGeneric(words[keep]!, generic); keep--) {
    const kept = words.slice(0, keep);
    if (kept.every((w) => isGeneric(w, generic))) break;
    names.push(kept);
  }
  return names;
}

/** The shorter names (see `shorterNames`) long enough to tell apart from ordinary speech, as forms. */
function shortForms(words: string[], generic: ReadonlySet<string>): Sounded[] {
  return shorterNames(words, generic).flatMap((kept) => longEnough(kept) ?? []);
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

function initials(words: string[]): string[] {
  return words.map((w) => w[0]!);
}

/** Fewer letters than this make too many ordinary words ("car", "ces") to be taken for initials. */
const MIN_ACRONYM = 3;

/**
 * The initials of the name and of its shorter names (see `NameEntry.acronyms`): of every word
 * ("EDF" for "Électricité de France"), and of its words but the small ones that link them
 * ("CMCE" for "Crédit Mutualiste du Centre-Est", "VHC" for "Volt Harbour Charging Solutions").
 * Spelt out in French, a letter that is also an elided word is read as that word ("A.N.P." as
 * "a ne p"), and the initials are kept that way too. Not when they spell a word the lexicon knows.
 */
function acronymsOf(words: string[], lexicon: Lexicon): string[] {
  const acronyms = [words, ...shorterNames(words, lexicon.genericNameWords)]
    .flatMap((name) => [initials(name), initials(name.filter((w) => !lexicon.nameLinkWords.has(w)))])
    .filter((letters) => letters.length >= MIN_ACRONYM)
    .flatMap((letters) => [letters.join(""), letters.map((letter) => expandElision(letter, lexicon.language)).join("")]);
  return acronyms.filter((a, i) => acronyms.indexOf(a) === i && !lexicon.knownStems.has(a));
}

/** A first word this long, coined rather than common, tells a company apart on its own. */
const MIN_LEADING_WORD = 6;
/** Shorter words than this ("the", "cap", "sun") begin too many coined names to rule them out. */
const MIN_KNOWN_PREFIX = 4;

/**
 * The name's first word alone, when it is distinctive enough to stand for the whole ("Kestrel"
 * for "Kestrel Broadband Ireland", "Ravenscourt" for "Ravenscourt Publishing"): whatever words
 * follow it, people drop them. Not a generic word or one the rule pack uses ("first", "direct"),
 * nor one that starts with such a word ("Santéa", "EnergyMate"): said alone, it is too close to
 * the ordinary word ("la santé", "energy").
 */
function leadingWord(words: string[], lexicon: Lexicon): Sounded | undefined {
  const first = words[0]!;
  if (words.length < 2 || first.length < MIN_LEADING_WORD) return undefined;
  for (let cut = MIN_KNOWN_PREFIX; cut <= first.length; cut++) {
    const start = first.slice(0, cut);
    if (lexicon.knownStems.has(start) || isGeneric(start, lexicon.genericNameWords)) return undefined;
  }
  return longEnough([first]);
}

/** The forms of a name (see `NameEntry.forms`), the whole name as configured first, each once; `spoken` is it without its legal form. */
function formsOf(words: string[], spoken: string[], lexicon: Lexicon, kind: NameKind): Sounded[] {
  const plain = words.join("");
  const company = kind === "company";
  // Both ends may be dropped at once: "Toitsûr" for "Mutuelle Toitsûr Habitat et Famille".
  const unarticled = withoutArticle(spoken, lexicon.nameArticles);
  const forms = [
    { plain, sound: soundKey(plain) },
    ...(spoken !== words ? [longEnough(spoken)] : []),
    ...shortForms(spoken, lexicon.genericNameWords),
    company ? leadingWord(spoken, lexicon) : undefined,
    ...(unarticled ? [longEnough(unarticled), ...shortForms(unarticled, lexicon.genericNameWords), company ? leadingWord(unarticled, lexicon) : undefined] : []),
  ].filter((f) => f !== undefined);
  return forms.filter((form, i) => forms.findIndex((f) => f.plain === form.plain) === i);
}

/**
 * A company (brand, call centre) is called by its first word alone; a data source is named by
 * what it is ("Western Sydney Homes Directory", "Quizz Santé Plus"), and its first word alone is
 * too often an ordinary one.
 */
type NameKind = "company" | "source";

/** The letters given, each once, as one string. */
function distinct(letters: Array<string | undefined>): string {
  return [...new Set(letters.filter((l) => l !== undefined))].join("");
}

/** The first letters and first sounds a heard run must share with one of a name's forms (see `NameEntry.startLetters`). */
function startsOf(forms: Sounded[], acronyms: string[]): Pick<NameEntry, "startLetters" | "startSounds"> {
  return { startLetters: distinct([...forms.map((f) => f.plain), ...acronyms].map((plain) => plain[0])), startSounds: distinct(forms.map((f) => f.sound[0])) };
}

function toEntries(names: string[], lexicon: Lexicon, firstIndex: number, kind: NameKind): NameEntry[] {
  return names
    .map((display) => ({ display, words: normalizeWords(display) }))
    .filter((n) => n.words.length > 0)
    .map((n, i) => {
      const spoken = withoutLegalForm(n.words, lexicon.legalForms) ?? n.words;
      const forms = formsOf(n.words, spoken, lexicon, kind);
      const acronyms = acronymsOf(spoken, lexicon);
      return { display: n.display, forms, acronyms, ...startsOf(forms, acronyms), wordCount: n.words.length, index: firstIndex + i };
    });
}

export function buildMatchContext(settings: CallSettings, lexicon: Lexicon, thresholds: Thresholds): MatchContext {
  const brands = toEntries(settings.brands, lexicon, 0, "company");
  const callCentres = toEntries(settings.callCentres, lexicon, brands.length, "company");
  const names: Record<EntitySlot, NameEntry[]> = {
    brand: brands,
    callcentre: callCentres,
    org: [...brands, ...callCentres],
    source: toEntries(settings.dataSources, lexicon, brands.length + callCentres.length, "source"),
  };
  const maxNamePieces = Math.max(0, ...[...names.org, ...names.source].map(maxPieces));
  return { names, numberWords: lexicon.numberWords, minNameSimilarity: thresholds.minNameSimilarity, nameScores: new Map(), runScores: new Map(), soundKeys: new Map(), maxNamePieces, runOns: new Map(), wordIndex: new Map(), cueScreen: lexicon.cueScreen, screens: new Map(), scratch: newScratchArena() };
}
