import type { Language } from "../transcript/types.ts";
import { keyWords } from "./cue-screen.ts";
import { cached } from "./match.ts";
import { expandElision, normalizeWords, stemmedWord, type StemmedWord } from "./text/normalize.ts";
import { encodeRequirement, type Requirement } from "./word-keys.ts";
import { prefixKey } from "./text/word-hash.ts";

/**
 * Cue patterns are written in rule packs as short word sequences:
 *   word        the word, compared by stem ("enregistré" matches "enregistrement"? no: same stem only)
 *   a|b|c       any of these words
 *   pref*       any word starting with "pref" (compared before stemming)
 *   ?word       optional word
 *   ..  / ...   a gap of up to 3 / 8 words (also written before a word: "..word")
 *   {brand} {callcentre} {org} {source}   a configured name, fuzzy and phonetic
 *   {number}    a number, in digits or words
 *   @list       any word of the lexicon's word list `list` (e.g. "present* ..@offer"); it may
 *               stand among alternatives ("@offer|alarme*") and be optional ("?@offer")
 *   a b / c d   either word sequence (" / " separates whole alternatives)
 *   (a b|c|)    any of these word sequences, here "a b", "c" or nothing: phrases, where
 *               "a b|c" would be two words, [a] then [b or c]
 * A cue matches a sentence when all its `all` patterns match, at least one `any` pattern
 * matches (when it has any), none of its `none` patterns matches anywhere in the sentence,
 * and none of its `notNear` patterns touches the matched words (a local exclusion, for
 * run-on speech that mixes several disclosures; when it touches the words matched around one
 * place of the first `all` pattern, the cue is tried again at its other places). A cue marked
 * `acrossSentences` is also tried over two sentences in a row (of one utterance, or of two turns
 * of one side with at most one turn of the other between them). A cue with `notAfter` patterns
 * does not hold when the other side's turn just before has one of them, nor one with `notBefore`
 * patterns when the same side's very next turn has one of them, nor one marked
 * `notInReplyToRefusal` in the agent's reply to a customer's refusal.
 */
export type EntitySlot = "brand" | "callcentre" | "org" | "source";
export type Slot = EntitySlot | "number";

export type PatternPart =
  | {
      kind: "word";
      alternatives: WordAlternative[];
      optional: boolean;
      lookup: AlternativeLookup | undefined;
      /** The key of its stem when it is one word, not a prefix (most cue words): -1 otherwise. */
      soleStemKey: number;
    }
  | { kind: "gap"; max: number }
  | { kind: "slot"; slot: Slot };

export interface WordAlternative {
  /** Compare the token's stem with this stem... */
  stem?: string;
  /** ...the stem of this cue word, as the text's words are read (normalized, elided)... */
  word?: string;
  /** ...or the token's normalized form's prefix with this prefix. */
  prefix?: string;
  /** The stem's or the prefix's key (see word-keys.ts). */
  key: number;
}

/**
 * A word's many alternatives (a word list such as "@offer" has dozens) arranged for a token to
 * be looked up rather than compared with each in turn: stems in a set, prefixes by first letter.
 */
export interface AlternativeLookup {
  stems: ReadonlySet<string>;
  prefixesByFirstLetter: ReadonlyMap<string, readonly string[]>;
  /** A lone "*": any word. */
  anyWord: boolean;
}

/** Past this many alternatives, a word gets a lookup (see `AlternativeLookup`); under it, a loop is faster. */
const LOOKUP_FROM = 6;

function lookupOf(alternatives: WordAlternative[]): AlternativeLookup | undefined {
  if (alternatives.length < LOOKUP_FROM) return undefined;
  const prefixesByFirstLetter = new Map<string, string[]>();
  for (const alt of alternatives) {
    if (alt.prefix === undefined || alt.prefix === "") continue;
    const first = alt.prefix[0]!;
    prefixesByFirstLetter.set(first, [...(prefixesByFirstLetter.get(first) ?? []), alt.prefix]);
  }
  return {
    stems: new Set(alternatives.flatMap((alt) => (alt.stem !== undefined ? [alt.stem] : []))),
    prefixesByFirstLetter,
    anyWord: alternatives.some((alt) => alt.prefix === ""),
  };
}

export interface CompiledPattern {
  source: string;
  /** Whole-sequence alternatives; the pattern matches when one of them does. */
  variants: PatternPart[][];
  /**
   * Per variant, the key its first part must have when that part is a required one-stem word (see
   * `soleStemKey`), or -1: at most starts, the variant is ruled out by comparing two numbers.
   */
  firstKeys: Int32Array;
  /**
   * Per variant, the alternatives of each word it cannot do without: a sentence lacking one of
   * them cannot match that variant, which is checked before any matching (most cues fail there).
   */
  required: WordAlternative[][][];
  /** `required` encoded for the fast check (see word-keys.ts). */
  requirement: Requirement;
}

export interface CueSpec {
  all: string[];
  any?: string[];
  none?: string[];
  notNear?: string[];
  /** Only used when the campaign configures no brand or call-centre names. */
  onlyWithoutNames?: boolean;
  /**
   * Also tried over two sentences in a row of one utterance, for wordings that name something
   * and refer back to it ("Vous connaissez Fibralis ? C'est pour eux que je vous appelle"). Off
   * by default: most cues' context words would pair with another sentence's subject.
   */
  acrossSentences?: boolean;
  /**
   * Patterns that void the cue when the other side's turn just before has one of them: "non
   * c'est bon" answering "si ça vous dérange, je coupe l'enregistrement" consents to the
   * recording; it does not refuse the call.
   */
  notAfter?: string[];
  /**
   * Patterns that void the cue when the same side's very next turn, before the other side
   * answers, has one of them: "l'alarme, non, je veux pas" / "par contre la caméra, ça
   * m'intéresse" turns down one product, not the call.
   */
  notBefore?: string[];
  /**
   * Void in the agent's reply to a customer's refusal (found by the objection cues): "je vous
   * retire de notre liste" after "ça m'intéresse pas" honours an objection just made; before
   * any, "je peux vous retirer de notre liste" tells the customer they may make one.
   */
  notInReplyToRefusal?: boolean;
}

export interface CompiledCue {
  all: CompiledPattern[];
  any: CompiledPattern[];
  /** The required words of every `any` pattern as one requirement (one of them must hold), or null when the cue has none. */
  anyRequirement: Requirement | null;
  none: CompiledPattern[];
  notNear: CompiledPattern[];
  onlyWithoutNames: boolean;
  acrossSentences: boolean;
  notAfter: CompiledPattern[];
  notBefore: CompiledPattern[];
  notInReplyToRefusal: boolean;
  /** Words a sentence must contain one of for the cue to match it, or null when no word is required (see cue-screen.ts). */
  keyWords: WordAlternative[] | null;
  /** The cue's place in its lexicon's cue screen; undefined for a cue compiled on its own. */
  screenSlot: number | undefined;
}

const SLOTS = new Set<Slot>(["brand", "callcentre", "org", "source", "number"]);

/**
 * Named word lists of a lexicon ("offer" -> ["offre*", "forfait*", ...]): one list of the
 * words for an offer, used by every cue that needs it, instead of copies that drift apart.
 */
export type WordLists = ReadonlyMap<string, readonly string[]>;

const NO_LISTS: WordLists = new Map();

/**
 * The patterns and cue words of one lexicon compiled so far, by their source: its cues write the
 * same ones hundreds of times ("{org}", "@offer", "vous"), and each is compiled once (31,588 words
 * stemmed for 2,896 distinct ones before). Made for one lexicon's compilation and dropped with it;
 * compiled parts are never changed once made, so cues may share them.
 */
export interface CompiledSources {
  patterns: Map<string, CompiledPattern>;
  words: Map<string, PatternPart>;
  /** Each word's stem: a word is an alternative of many cue words ("vous|tu", "vous|nous"). */
  stems: Map<string, StemmedWord>;
}

export function compiledSources(): CompiledSources {
  return { patterns: new Map(), words: new Map(), stems: new Map() };
}

function expandLists(alternatives: string[], lists: WordLists): string[] {
  return alternatives.flatMap((alt) => {
    if (!alt.startsWith("@")) return [alt];
    const list = lists.get(alt.slice(1));
    if (!list) throw new Error(`unknown word list ${alt}`);
    return [...list];
  });
}

function compileWord(raw: string, language: Language, lists: WordLists, compiled: CompiledSources): PatternPart {
  return cached(compiled.words, raw, () => compileNewWord(raw, language, lists, compiled.stems));
}

function compileNewWord(raw: string, language: Language, lists: WordLists, stems: Map<string, StemmedWord>): PatternPart {
  const optional = raw.startsWith("?");
  const body = optional ? raw.slice(1) : raw;
  if (/[{}]/.test(body)) throw new Error(`"${raw}": a name slot cannot be optional or part of a word`);
  const alternatives = expandLists(body.split("|"), lists).map((alt): WordAlternative => {
    if (alt.endsWith("*")) {
      const prefix = normalizeWords(alt.slice(0, -1)).join("");
      // Every alternative has the same fields, set or not: one object shape keeps matching fast.
      return { stem: undefined, word: undefined, prefix, key: prefixKey(prefix) };
    }
    const words = normalizeWords(alt);
    if (words.length !== 1) throw new Error(`cue word "${alt}" must be a single word`);
    // Cue words go through the same elision as the text, so "c est" and "l offre" still match.
    const word = expandElision(words[0]!, language);
    const { stem, key } = cached(stems, word, () => stemmedWord(word, language));
    return { stem, word, prefix: undefined, key };
  });
  const sole = alternatives.length === 1 && alternatives[0]!.stem !== undefined ? alternatives[0]!.key : -1;
  return { kind: "word", alternatives, optional, lookup: lookupOf(alternatives), soleStemKey: sole };
}

/** A pattern's phrase groups may multiply its variants; past this many, the pattern is an error, not a slow cue. */
const MAX_VARIANTS = 256;

/** The word sequences a variant stands for once each phrase group "(a b|c)" is replaced by one of its phrases. */
function expandGroups(variant: string, source: string): string[] {
  const open = variant.indexOf("(");
  const close = variant.indexOf(")");
  if (open < 0 && close < 0) return [variant];
  const inner = variant.slice(open + 1, close);
  if (open < 0 || close < open || inner.includes("(")) throw new Error(`unbalanced or nested parentheses in cue "${source}"`);
  if (variant[open - 1] === "?") throw new Error(`"?(" in cue "${source}": an optional phrase is an empty alternative, "(a b|)"`);
  const before = variant.slice(0, open);
  const after = variant.slice(close + 1);
  return inner.split("|").flatMap((phrase) => expandGroups(`${before} ${phrase} ${after}`, source));
}

/** How many word sequences a variant stands for, counted before they are spelt out. */
function sequenceCount(variant: string): number {
  return [...variant.matchAll(/\(([^()]*)\)/g)].reduce((n, group) => n * group[1]!.split("|").length, 1);
}

export function compilePattern(source: string, language: Language, lists: WordLists = NO_LISTS, compiled: CompiledSources = compiledSources()): CompiledPattern {
  return cached(compiled.patterns, source, () => compileNewPattern(source, language, lists, compiled));
}

function compileNewPattern(source: string, language: Language, lists: WordLists, compiled: CompiledSources): CompiledPattern {
  const count = source.split(" / ").reduce((n, variant) => n + sequenceCount(variant), 0);
  if (count > MAX_VARIANTS) throw new Error(`cue "${source}" stands for ${count} word sequences, more than ${MAX_VARIANTS}`);
  const sequences = source.split(" / ").flatMap((variant) => expandGroups(variant, source));
  const variants = sequences.map((variant) => compileSequence(variant, source, language, lists, compiled));
  const required = variants.map((parts) => parts.flatMap((p) => (p.kind === "word" && !p.optional ? [p.alternatives] : [])));
  const firstKeys = Int32Array.from(variants, ([first]) => (first!.kind === "word" && !first!.optional ? first!.soleStemKey : -1));
  return { source, variants, firstKeys, required, requirement: encodeRequirement(required) };
}

function compileSequence(sequence: string, source: string, language: Language, lists: WordLists, compiled: CompiledSources): PatternPart[] {
  const parts: PatternPart[] = [];
  for (const written of sequence.trim().split(/\s+/)) {
    // "..word" and "...word" are a gap followed by the word.
    const gap = /^(\.{2,3})/.exec(written)?.[1];
    if (gap) parts.push({ kind: "gap", max: gap.length === 2 ? 3 : 8 });
    const raw = gap ? written.slice(gap.length) : written;
    if (raw === "") continue;
    rejectRepeatedAlternative(raw, source);
    if (raw.startsWith("{") && raw.endsWith("}")) {
      const slot = raw.slice(1, -1) as Slot;
      if (!SLOTS.has(slot)) throw new Error(`unknown slot ${raw} in cue "${source}"`);
      parts.push({ kind: "slot", slot });
    } else {
      // Apostrophes and hyphens split words in the text ("l'appel", "est-ce"): split the same way here.
      const pieces = raw.replace(/['’-]/g, " ").split(" ").filter(Boolean);
      if (pieces.length === 1 || raw.includes("|")) parts.push(compileWord(raw, language, lists, compiled));
      else for (const piece of pieces) parts.push(compileWord(piece, language, lists, compiled));
    }
  }
  if (parts.length === 0 || parts.every((p) => p.kind === "gap")) throw new Error(`empty cue "${source}"`);
  rejectSplitPhrases(parts, sequence, source);
  return parts;
}

const alternativeKey = (alt: WordAlternative) => alt.stem ?? `${alt.prefix}*`;

const hasAlternatives = (part: PatternPart) => part.kind === "word" && part.alternatives.length > 1;

/** The alternative two required words share, if any. */
function sharedAlternative(a: PatternPart, b: PatternPart): string | undefined {
  if (a.kind !== "word" || b.kind !== "word" || a.optional || b.optional) return undefined;
  const inA = new Set(a.alternatives.map(alternativeKey));
  return b.alternatives.map(alternativeKey).find((key) => inA.has(key));
}

/**
 * Refuses the marks of phrases written without parentheses, cues that silently never match what
 * their author meant: two required words in a row that share an alternative ("it s|it is" is [it]
 * then [s or it] then [is]), or the same word on both sides of a word with alternatives ("have
 * you got|do you have" is [have] [you] [got or do] [you] [have]...). Written on purpose, they are
 * "(it s|it is)" and "(have you got|do you have)".
 */
function rejectSplitPhrases(parts: PatternPart[], sequence: string, source: string): void {
  const refuse = (shared: string) => {
    throw new Error(`cue "${source}": "${sequence.trim()}" repeats the alternative "${shared}" around a|b words; a|b c|d is two words, write phrases as (a b|c d)`);
  };
  for (let i = 1; i < parts.length; i++) {
    const [before, a, b] = [parts[i - 2], parts[i - 1]!, parts[i]!];
    const nextShared = hasAlternatives(a) || hasAlternatives(b) ? sharedAlternative(a, b) : undefined;
    if (nextShared !== undefined) refuse(nextShared);
    const aroundShared = before && a.kind === "word" && hasAlternatives(a) && !a.optional ? sharedAlternative(before, b) : undefined;
    if (aroundShared !== undefined) refuse(aroundShared);
  }
}

/**
 * Refuses a word listed twice among one word's alternatives: "we|we re" is [we or we] then [re],
 * and "c est pour|pour mon" is [c] [est] [pour or pour] [mon], phrases written without parentheses.
 */
function rejectRepeatedAlternative(raw: string, source: string): void {
  const words = raw.replace(/^\?/, "").split("|");
  const repeated = words.find((word, i) => words.indexOf(word) !== i);
  if (repeated !== undefined) throw new Error(`cue "${source}": "${raw}" lists "${repeated}" twice, the mark of a phrase written without parentheses (a|b c|d is two words; a phrase is (a b|c d))`);
}

export function compileCue(spec: string | CueSpec, language: Language, lists: WordLists = NO_LISTS, compiled: CompiledSources = compiledSources()): CompiledCue {
  const full: CueSpec = typeof spec === "string" ? { all: [spec] } : spec;
  const all = full.all.map((p) => compilePattern(p, language, lists, compiled));
  const any = (full.any ?? []).map((p) => compilePattern(p, language, lists, compiled));
  return {
    all,
    any,
    anyRequirement: any.length > 0 ? encodeRequirement(any.flatMap((p) => p.required)) : null,
    none: (full.none ?? []).map((p) => compilePattern(p, language, lists, compiled)),
    notNear: (full.notNear ?? []).map((p) => compilePattern(p, language, lists, compiled)),
    onlyWithoutNames: full.onlyWithoutNames ?? false,
    acrossSentences: full.acrossSentences ?? false,
    notAfter: (full.notAfter ?? []).map((p) => compilePattern(p, language, lists, compiled)),
    notBefore: (full.notBefore ?? []).map((p) => compilePattern(p, language, lists, compiled)),
    notInReplyToRefusal: full.notInReplyToRefusal ?? false,
    keyWords: keyWords({ all }),
    screenSlot: undefined,
  };
}
