/**
 * Words as small numbers for the checks that only rule cues out (the cue screen and the
 * required-word check before a pattern is matched): a stem or a word prefix hashes to 30 bits,
 * and a sentence's prefixes are hashed as its words are read, letter by letter, without cutting
 * a string for each. Two words may share a key: that lets a cue through to the full match, where
 * words are compared as text, and never rules one out.
 */
const MASK = 0x3fffffff;
const STEM_SEED = 0x2f0b3c1d;
const PREFIX_SEED = 0x1e35a7bd;

function fold(key: number, code: number): number {
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

/** The keys of every prefix of `word` ("" included: a lone "*" matches any word), added to `keys`. */
export function addPrefixKeys(word: string, keys: Set<number>): void {
  let key = PREFIX_SEED;
  keys.add(key);
  for (let i = 0; i < word.length; i++) {
    key = fold(key, word.charCodeAt(i));
    keys.add(key);
  }
}
