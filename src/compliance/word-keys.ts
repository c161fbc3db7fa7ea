import { words as englishStopwords } from "natural/lib/natural/util/stopwords.js";
import { words as frenchStopwords } from "natural/lib/natural/util/stopwords_fr.js";
import { scratchWords, type ScratchArena } from "./scratch.ts";
import { normalizeWords } from "./text/normalize.ts";
import { fold, PREFIX_SEED } from "./text/word-hash.ts";

/**
 * A set of word keys (see word-hash.ts) as the checks read it, folded into 8,192 buckets: a
 * lookup is one bit test, and two keys in one bucket only let a cue through to the full match.
 * With a sentence's hundred or so keys, about one lookup in a hundred is let through by a bucket
 * it shares.
 */
export interface WordKeys {
  /** One bit per bucket. */
  bits: Uint32Array;
  /**
   * The keys themselves, for the screen to read them all and compare them whole: screened by
   * bucket alone, about one cue candidate in four was let through by another key in its bucket.
   * A key may be listed more than once ("" begins every word).
   */
  keys: number[];
}

/** How many buckets word keys fall in. */
export const BUCKETS = 8192;
const BUCKET_MASK = BUCKETS - 1;

export function bucketOf(key: number): number {
  return key & BUCKET_MASK;
}

/** An empty set, its bits taken from `arena` when given (see scratch.ts). */
export function emptyWordKeys(arena?: ScratchArena): WordKeys {
  const words = (BUCKET_MASK + 1) / 32;
  return { bits: arena ? scratchWords(arena, words) : new Uint32Array(words), keys: [] };
}

function hasBucket(bits: Uint32Array, bucket: number): boolean {
  return (bits[bucket >>> 5]! & (1 << (bucket & 31))) !== 0;
}

export function addKey(keys: WordKeys, key: number): void {
  const bucket = bucketOf(key);
  keys.bits[bucket >>> 5]! |= 1 << (bucket & 31);
  keys.keys.push(key);
}

/** The keys of both sets, as one set. */
export function unionOfWordKeys(a: WordKeys, b: WordKeys, arena?: ScratchArena): WordKeys {
  const union = emptyWordKeys(arena);
  union.bits.set(a.bits);
  union.keys.push(...a.keys);
  for (const key of b.keys) addKey(union, key);
  return union;
}

/** True when the key may be in the set; false when it surely is not. */
export function mayHaveKey(keys: WordKeys, key: number): boolean {
  return hasBucket(keys.bits, bucketOf(key));
}

/** The keys of every prefix of `word` ("" included: a lone "*" matches any word), added to `keys`. */
export function addPrefixKeys(word: string, keys: WordKeys): void {
  let key = PREFIX_SEED;
  addKey(keys, key);
  for (let i = 0; i < word.length; i++) {
    key = fold(key, word.charCodeAt(i));
    addKey(keys, key);
  }
}

/**
 * A pattern's required words (per variant, each word's alternatives; see `CompiledPattern.required`)
 * as one flat array of buckets, read by `mayHoldIn` in a tight loop: the variant count, then per
 * variant its length in numbers after the first, its word count, and per word its alternative
 * count and their buckets.
 */
export type Requirement = Int32Array;

/** A required word as the check reads it: the buckets of its alternatives, and how rarely it is likely to occur. */
interface RequiredWord {
  buckets: number[];
  rarity: number;
}

/** Words found in most sentences of either language ("you", "with", "pour"), whatever their length: natural's stop words. */
const COMMON_WORDS: ReadonlySet<string> = new Set([...englishStopwords, ...frenchStopwords].flatMap((word) => normalizeWords(word)));

/** How rarely a required word is likely to occur: short words ("de", "you", "vous") and stop words ("with", "about") are everywhere. */
export function rarity(word: ReadonlyArray<{ stem?: string; word?: string; prefix?: string }>): number {
  return Math.min(...word.map((alt) => (alt.word !== undefined && COMMON_WORDS.has(alt.word) ? 0 : (alt.prefix ?? alt.stem ?? "").length))) - word.length / 100;
}

const wordId = (word: RequiredWord) => word.buckets.join(",");

function sortedWords(words: RequiredWord[]): RequiredWord[] {
  return [...words].sort((a, b) => (wordId(a) < wordId(b) ? -1 : wordId(a) > wordId(b) ? 1 : 0));
}

/** The words of a variant but its `skip`-th, as a key. */
function restId(words: RequiredWord[], skip: number): string {
  return words.filter((_, i) => i !== skip).map(wordId).join("|");
}

/**
 * One pass of `mergeVariants`: each variant joins an earlier one that needs the same words but
 * one, if any. A variant that others joined on one word is not joined on another (its other words
 * would not be the same words any more). Returns null when no variant joined another.
 */
function mergePass(variants: RequiredWord[][]): RequiredWord[][] | null {
  const kept: Array<{ words: RequiredWord[]; joinedOn: number }> = [];
  const byRest = new Map<string, { variant: number; word: number }>();
  let merged = false;
  for (const words of variants) {
    const rests = words.map((_, i) => restId(words, i));
    const into = rests.map((rest) => byRest.get(rest)).findIndex((seen) => seen !== undefined && [-1, seen.word].includes(kept[seen.variant]!.joinedOn));
    if (into >= 0) {
      const seen = byRest.get(rests[into]!)!;
      const base = kept[seen.variant]!;
      const odd = base.words[seen.word]!;
      base.words[seen.word] = { buckets: [...new Set([...odd.buckets, ...words[into]!.buckets])].sort((a, b) => a - b), rarity: Math.min(odd.rarity, words[into]!.rarity) };
      base.joinedOn = seen.word;
      merged = true;
      continue;
    }
    // A word needed twice ("de la part de") gives its variant the same rest twice: the first is kept.
    rests.forEach((rest, i) => {
      if (!byRest.has(rest)) byRest.set(rest, { variant: kept.length, word: i });
    });
    kept.push({ words: [...words], joinedOn: -1 });
  }
  return merged ? kept.map((k) => sortedWords(k.words)) : null;
}

/**
 * Variants that need the same words but one become one variant whose odd word takes the
 * alternatives of both: "(show|tell) you about" needs [show or tell], [you] and [about], checked
 * once instead of once per phrase. Variants that need the same words are written once.
 */
function mergeVariants(variants: RequiredWord[][]): RequiredWord[][] {
  const unique = (list: RequiredWord[][]) => [...new Map(list.map((words) => [words.map(wordId).join("|"), words])).values()];
  let current = unique(variants.map(sortedWords));
  for (let merged = mergePass(current); merged; merged = mergePass(current)) current = unique(merged);
  return current;
}

/**
 * A word's bucket tests per chance of ruling a sentence out: a rare word with few alternatives is
 * tested first; a list of thirty offer words ("@offer") costs thirty tests where it is absent.
 */
function testCost(word: RequiredWord): number {
  return word.buckets.length / (1 + Math.max(0, word.rarity));
}

export function encodeRequirement(required: ReadonlyArray<ReadonlyArray<ReadonlyArray<{ key: number; stem?: string; prefix?: string }>>>): Requirement {
  const variants = mergeVariants(
    required.map((words) =>
      words.map((alternatives) => ({ buckets: [...new Set(alternatives.map((alt) => bucketOf(alt.key)))].sort((a, b) => a - b), rarity: rarity(alternatives) })),
    ),
  );
  const out = [variants.length];
  for (const words of variants) {
    // The words likeliest to rule the sentence out for the fewest bucket tests first (see `testCost`).
    const body = [words.length];
    for (const word of [...words].sort((a, b) => testCost(a) - testCost(b))) body.push(word.buckets.length, ...word.buckets);
    out.push(body.length, ...body);
  }
  return Int32Array.from(out);
}

/**
 * False when no variant of the requirement has one alternative of each of its words among `keys`
 * (or among `keys` and `more` together: two sentences joined, before their union is made).
 */
export function mayHoldIn(requirement: Requirement, keys: WordKeys, more?: WordKeys): boolean {
  return mayHoldAt(requirement, 0, keys, more);
}

/** `mayHoldIn` of the requirement encoded in `requirement` from `start` on (several may be laid end to end in one array). */
export function mayHoldAt(requirement: Int32Array, start: number, keys: WordKeys, more?: WordKeys): boolean {
  const bits = keys.bits;
  const moreBits = more?.bits ?? null;
  let at = start + 1;
  const variants = requirement[start]!;
  for (let variant = 0; variant < variants; variant++) {
    const next = at + 1 + requirement[at]!;
    const words = requirement[at + 1]!;
    let p = at + 2;
    let all = true;
    for (let word = 0; word < words && all; word++) {
      const alternatives = requirement[p]!;
      const end = p + 1 + alternatives;
      let found = false;
      for (let q = p + 1; q < end; q++) {
        if (hasBucket(bits, requirement[q]!) || (moreBits !== null && hasBucket(moreBits, requirement[q]!))) {
          found = true;
          break;
        }
      }
      all = found;
      p = end;
    }
    if (all) return true;
    at = next;
  }
  return false;
}
