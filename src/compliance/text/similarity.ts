import jaroWinkler from "natural/lib/natural/distance/jaro-winkler_distance.js";
import { soundKey } from "./phonetic.ts";

/**
 * A lower bound of the Levenshtein distance from letter counts alone: an alignment matches at most
 * the letters both strings share, and every other letter of the longer string costs an edit.
 * Letters are counted by their code modulo 32 (a..z stay apart; merging two letters only lowers
 * the bound), in 64 bytes: V8 keeps a typed array that small on its heap, where it is cheap to make.
 */
function editLowerBound(a: string, b: string): number {
  const counts = new Uint16Array(32);
  for (let i = 0; i < a.length; i++) counts[a.charCodeAt(i) & 31]!++;
  let shared = 0;
  for (let i = 0; i < b.length; i++) {
    const code = b.charCodeAt(i) & 31;
    if (counts[code]! > 0) {
      counts[code]!--;
      shared++;
    }
  }
  return Math.max(a.length, b.length) - shared;
}

/** How close two lengths are, 0..1: a similarity can be no higher than this. */
function lengthRatio(a: number, b: number): number {
  const longest = Math.max(a, b);
  return longest === 0 ? 0 : 1 - Math.abs(a - b) / longest;
}

/**
 * An upper bound of the Levenshtein distance: past their common prefix and suffix, the longer
 * middle can be rewritten into the shorter one letter by letter.
 */
function editUpperBound(a: string, b: string): number {
  const shorter = Math.min(a.length, b.length);
  let prefix = 0;
  while (prefix < shorter && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && a.charCodeAt(a.length - 1 - suffix) === b.charCodeAt(b.length - 1 - suffix)) suffix++;
  return Math.max(a.length, b.length) - prefix - suffix;
}

/**
 * The Levenshtein distance of the two strings when it is at most `k`, else k + 1: the edit table
 * is filled only in the band of cells within `k` of its diagonal (a path of at most k edits never
 * leaves it, so the distance read there is exact), and given up on as soon as a row has no cell
 * within `k`. Most pairs that reach it are further apart than the floor allows, and natural's
 * distance, which builds the whole table of objects, costs a hundred times more.
 */
export function editsWithin(a: string, b: string, k: number): number {
  const over = k + 1;
  if (Math.abs(a.length - b.length) > k) return over;
  // Row i of the table, with cells outside the band held at k + 1.
  let previous = new Array<number>(b.length + 1);
  let current = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j <= k ? j : over;
  for (let i = 1; i <= a.length; i++) {
    const from = Math.max(1, i - k);
    const to = Math.min(b.length, i + k);
    current[0] = i <= k ? i : over;
    if (from > 1) current[from - 1] = over;
    let best = current[0]!;
    for (let j = from; j <= to; j++) {
      const substitution = previous[j - 1]! + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1);
      const cell = Math.min(substitution, previous[j]! + 1, current[j - 1]! + 1, over);
      current[j] = cell;
      if (cell < best) best = cell;
    }
    if (to < b.length) current[to + 1] = over;
    if (best > k) return over;
    [previous, current] = [current, previous];
  }
  return previous[b.length]!;
}

/** The most edits that leave the edit ratio at `floor` or above, from `lower` up (computed as `spellingSimilarity` computes the ratio). */
function mostEdits(longest: number, lower: number, upper: number, floor: number): number {
  let edits = lower;
  while (edits < upper && 1 - (edits + 1) / longest >= floor) edits++;
  return edits;
}

/** Both measures must agree: Jaro-Winkler favours shared prefixes, Levenshtein penalises length gaps. */
function spellingSimilarity(a: string, b: string, floor: number): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  // The edit ratio can be no better than the length gap allows: skip hopeless pairs cheaply.
  if (lengthRatio(a.length, b.length) < floor) return 0;
  const lower = editLowerBound(a, b);
  if (1 - lower / longest < floor) return 0;
  const jw = jaroWinkler(a, b);
  if (jw < floor) return 0;
  // When the two bounds meet (one letter changed, added or dropped), they are the distance.
  const upper = editUpperBound(a, b);
  if (upper === lower) return Math.min(jw, 1 - lower / longest);
  // The distance is needed only as far as the floor allows: more edits than that score 0.
  const edits = mostEdits(longest, lower, upper, floor);
  const distance = editsWithin(a, b, edits);
  return distance > edits ? 0 : Math.min(jw, 1 - distance / longest);
}

/**
 * How close a heard word sequence (joined without spaces) is to a configured name, 0..1,
 * by spelling or by sound, whichever is closer. Short names must match exactly: a fuzzy
 * three-letter match would fire on ordinary words, and so must a name's first letter or sound.
 * Scores under `floor` may be reported as 0.
 */
export function nameSimilarity(heard: string, name: string, floor = 0): number {
  return soundedSimilarity({ plain: heard, sound: soundKey(heard) }, { plain: name, sound: soundKey(name) }, floor);
}

/** A word sequence with its sound key, computed once when it is compared many times. */
export interface Sounded {
  plain: string;
  sound: string;
}

/**
 * False when `soundedSimilarity` is 0 whatever the heard run's full sound key: decided from its
 * spelling and first sound alone (see `firstSound`), before the key is computed.
 */
export function mayBeSimilar(heard: string, heardFirstSound: string, name: Sounded): boolean {
  if (heard === name.plain) return true;
  if (name.plain.length < 4 || heard.length < 3) return false;
  // ASR keeps a name's first sound far more often than not; requiring it rejects most words at once.
  return heard[0] === name.plain[0] || heardFirstSound === name.sound[0];
}

/** The longest sound key a spelling can have: each letter gives at most one sound, and "x" two ("ks"). */
function longestSoundKey(plain: string): number {
  let length = plain.length;
  for (let i = 0; i < plain.length; i++) if (plain.charCodeAt(i) === 120) length++;
  return length;
}

/**
 * False when `soundedSimilarity` of the heard spelling with the name is under `floor` whatever
 * the heard run's sound key: its spelling is too far from the name's in length, and even its
 * longest possible key is too short. A run much shorter than the name is ruled out before its key is made.
 */
export function mayReachFloor(heard: string, name: Sounded, floor: number): boolean {
  if (heard === name.plain || lengthRatio(heard.length, name.plain.length) >= floor) return true;
  const longest = longestSoundKey(heard);
  return longest >= name.sound.length || lengthRatio(longest, name.sound.length) >= floor;
}

export function soundedSimilarity(heard: Sounded, name: Sounded, floor = 0): number {
  if (!mayBeSimilar(heard.plain, heard.sound[0] ?? "", name)) return 0;
  if (heard.plain === name.plain) return 1;
  const spelt = spellingSimilarity(heard.plain, name.plain, floor);
  // The sounds are compared only as far as they could beat the spelling.
  return Math.max(spelt, spellingSimilarity(heard.sound, name.sound, Math.max(floor, spelt)));
}
