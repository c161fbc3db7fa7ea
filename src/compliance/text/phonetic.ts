/**
 * A coarse French/English sound key for brand and company names, so that an ASR spelling
 * ("fibre alis", "finalistes") still lands near the configured name ("Fibralis").
 * One pass rewrites graphemes (longest first at each position), then doubled letters
 * collapse and silent French endings drop.
 */
const GRAPHEMES: ReadonlyArray<readonly [string, string]> = [
  ["sch", "S"],
  ["eau", "o"],
  ["ph", "f"],
  ["qu", "k"],
  ["ch", "S"],
  ["sh", "S"],
  ["ck", "k"],
  ["au", "o"],
  ["ai", "e"],
  ["ei", "e"],
  ["ou", "u"],
  ["c", "k"],
  ["q", "k"],
  ["x", "ks"],
  ["z", "s"],
  ["w", "v"],
  ["y", "i"],
  ["h", ""],
];

/** A sound read off the letters: the sounds' character codes (none for a silent "h", two for "x") and how many letters it took. */
interface Reading {
  sounds: readonly number[];
  length: number;
}

const A = 97;

function reading(sound: string, length: number): Reading {
  return { sounds: Array.from(sound, (ch) => ch.charCodeAt(0)), length };
}

/**
 * The graphemes as tables by letter (a = 0), read over character codes: a key is computed for
 * every run of words compared with a name, and looking a grapheme up by its letters takes about
 * 0.6 of the time of trying each as a string. A letter no grapheme starts reads as itself.
 */
const ONE_LETTER: Reading[] = Array.from({ length: 26 }, (_, i) => reading(String.fromCharCode(A + i), 1));
const TWO_LETTERS = new Array<Reading | undefined>(26 * 26).fill(undefined);
/** The three-letter graphemes ("sch", "eau") by their first two letters, with their third: one per pair. */
const THREE_LETTERS = new Array<{ third: number; read: Reading } | undefined>(26 * 26).fill(undefined);
for (const [grapheme, sound] of GRAPHEMES) {
  const [first, second, third] = Array.from(grapheme, (ch) => ch.charCodeAt(0) - A) as [number, number?, number?];
  const read = reading(sound, grapheme.length);
  if (second === undefined) ONE_LETTER[first] = read;
  else if (third === undefined) TWO_LETTERS[first * 26 + second] = read;
  else THREE_LETTERS[first * 26 + second] = { third, read };
}

const SOFT_GU = reading("g", 2);
const SOFT_G = reading("j", 1);
const SOFT_C = reading("s", 1);
const C = 99 - A;
const E = 101 - A;
const G = 103 - A;
const I = 105 - A;
const U = 117 - A;
const Y = 121 - A;

/** Whether the letter (a = 0) is e, i or y; NaN, past the word's end, is not. */
function softVowel(letter: number): boolean {
  return letter === E || letter === I || letter === Y;
}

/** The sound at `letters[at]`: soft "g" and "c" before e/i/y, then the longest grapheme there, else the letter. */
function readSound(letters: string, at: number): Reading {
  const letter = letters.charCodeAt(at) - A;
  const next = letters.charCodeAt(at + 1) - A;
  if (letter === G && next === U && softVowel(letters.charCodeAt(at + 2) - A)) return SOFT_GU;
  if ((letter === G || letter === C) && softVowel(next)) return letter === G ? SOFT_G : SOFT_C;
  if (next >= 0) {
    const three = THREE_LETTERS[letter * 26 + next];
    if (three !== undefined && letters.charCodeAt(at + 2) - A === three.third) return three.read;
    const two = TWO_LETTERS[letter * 26 + next];
    if (two !== undefined) return two;
  }
  return ONE_LETTER[letter]!;
}

const NOT_A_LETTER = /[^a-z]/g;

function lettersOf(word: string): string {
  // Names and words reach here normalized already: the rewrite is for other callers, and for the
  // digits of a number heard in a run of words, dropped without `toLowerCase`, which goes through ICU.
  // Asked for every run of words compared with a name, so checked without a regular expression.
  let digits = false;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code >= 97 && code <= 122) continue;
    if (code >= 48 && code <= 57) digits = true;
    else return word.toLowerCase().replace(NOT_A_LETTER, "");
  }
  return digits ? word.replace(NOT_A_LETTER, "") : word;
}

/** French endings dropped from a key after its first three sounds: "finalistes" and "finaliste" sound like "finalis". */
const SILENT_ENDING = new Set(Array.from("estdx", (ch) => ch.charCodeAt(0)));

/** The "ch" sound, written "S" while doubled sounds collapse (kept apart from "s"), then in lower case. */
const CH_SOUND = 83;
const S_SOUND = 115;

function soundChar(sound: number): string {
  return String.fromCharCode(sound === CH_SOUND ? S_SOUND : sound);
}

export function soundKey(word: string): string {
  const letters = lettersOf(word);
  const sounds: number[] = [];
  let last = 0;
  for (let at = 0; at < letters.length; ) {
    const read = readSound(letters, at);
    // Doubled sounds collapse as they are written ("ll", "x" then "s").
    for (let k = 0; k < read.sounds.length; k++) {
      const sound = read.sounds[k]!;
      if (sound !== last) sounds.push((last = sound));
    }
    at += read.length;
  }
  let end = sounds.length;
  while (end > 3 && SILENT_ENDING.has(sounds[end - 1]!)) end--;
  let key = "";
  for (let k = 0; k < end; k++) key += soundChar(sounds[k]!);
  return key;
}

/**
 * True when no letters written after `word` can change its first sound: the rules above read at
 * most three letters from the first one that is not a silent "h".
 */
export function firstSoundSettled(word: string): boolean {
  const letters = lettersOf(word);
  let start = 0;
  while (letters.charCodeAt(start) === 104) start++;
  return letters.length - start >= 3;
}

/** The first sound of `soundKey(word)`, read from the word's first letters only: a cheap first test before the whole key. */
export function firstSound(word: string): string {
  const letters = lettersOf(word);
  for (let at = 0; at < letters.length; ) {
    const read = readSound(letters, at);
    if (read.sounds.length > 0) return soundChar(read.sounds[0]!);
    at += read.length;
  }
  return "";
}
