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

/** The graphemes by their first letter (a = 0), longest first: the scan tries only those of the letter it is at. */
const GRAPHEMES_BY_LETTER: ReadonlyArray<ReadonlyArray<readonly [string, string]>> = Array.from({ length: 26 }, (_, i) =>
  GRAPHEMES.filter(([g]) => g.charCodeAt(0) - 97 === i),
);

function softVowel(letter: string | undefined): boolean {
  return letter === "e" || letter === "i" || letter === "y";
}

/** A sound read off the letters and how many letters it took; one per key, rewritten at each position. */
interface Reading {
  sound: string;
  length: number;
}

/** Reads the sound at `letters[at]` into `reading`: soft "g" and "c" before e/i/y, then graphemes. */
function readSound(letters: string, at: number, reading: Reading): void {
  const letter = letters[at]!;
  reading.length = 1;
  if (letter === "g" && letters[at + 1] === "u" && softVowel(letters[at + 2])) {
    reading.sound = "g";
    reading.length = 2;
    return;
  }
  if ((letter === "g" || letter === "c") && softVowel(letters[at + 1])) {
    reading.sound = letter === "g" ? "j" : "s";
    return;
  }
  for (const [grapheme, sound] of GRAPHEMES_BY_LETTER[letters.charCodeAt(at) - 97]!) {
    if (letters.startsWith(grapheme, at)) {
      reading.sound = sound;
      reading.length = grapheme.length;
      return;
    }
  }
  reading.sound = letter;
}

function lettersOf(word: string): string {
  // Names and words reach here normalized already: the rewrite is for other callers. Asked for
  // every run of words compared with a name, so checked without a regular expression.
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    if (code < 97 || code > 122) return word.toLowerCase().replace(/[^a-z]/g, "");
  }
  return word;
}

/** French endings dropped from a key after its first three sounds: "finalistes" and "finaliste" sound like "finalis". */
const SILENT_ENDING = new Set(["e", "s", "t", "d", "x"]);

export function soundKey(word: string): string {
  const letters = lettersOf(word);
  let key = "";
  // The last sound written, kept apart: reading it back from the key being built would flatten it each time.
  let last = "";
  const reading: Reading = { sound: "", length: 0 };
  for (let i = 0; i < letters.length; i += reading.length) {
    readSound(letters, i, reading);
    const sound = reading.sound;
    // Doubled sounds collapse as they are written ("ll", "x" then "s").
    for (let k = 0; k < sound.length; k++) {
      if (sound[k] !== last) {
        last = sound[k]!;
        key += last;
      }
    }
  }
  let end = key.length;
  while (end > 3 && SILENT_ENDING.has(key[end - 1]!)) end--;
  return lowerSounds(key.slice(0, end));
}

/**
 * Sounds written in lower case: every sound is a lowercase letter but "S" (the "ch" sound, kept
 * apart from "s" while doubled sounds collapse), so this is `toLowerCase` without its Unicode tables.
 */
function lowerSounds(sounds: string): string {
  return sounds.includes("S") ? sounds.replaceAll("S", "s") : sounds;
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
  const reading: Reading = { sound: "", length: 0 };
  for (let i = 0; i < letters.length; i += reading.length) {
    readSound(letters, i, reading);
    if (reading.sound !== "") return lowerSounds(reading.sound[0]!);
  }
  return "";
}
