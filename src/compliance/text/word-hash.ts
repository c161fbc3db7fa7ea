/**
 * Words as small numbers for the checks that only rule cues out (the cue screen and the
 * required-word check before a pattern is matched, see word-keys.ts) and for a first comparison
 * of a word with a cue word: a stem or a word prefix hashes to 30 bits, and a sentence's prefixes
 * are hashed as its words are read, letter by letter, without cutting a string for each. Two
 * words may share a key: a key only rules a word out, and equal keys are confirmed as text.
 */
const MASK = 0x3fffffff;
const STEM_SEED = 0x2f0b3c1d;
export const PREFIX_SEED = 0x1e35a7bd;

/** The key of a text extended by one more character. */
export function fold(key: number, code: number): number {
  return (Math.imul(key, 31) + code) & MASK;
}

function keyOf(text: string, seed: number): number {
  let key = seed;
  for (let i = 0; i < text.length; i++) key = fold(key, text.charCodeAt(i));
  return key;
}

export function stemKey(stem: string): number {
  return keyOf(stem, STEM_SEED);
}

export function prefixKey(prefix: string): number {
  return keyOf(prefix, PREFIX_SEED);
}
