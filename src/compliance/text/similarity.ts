import jaroWinkler from "natural/lib/natural/distance/jaro-winkler_distance.js";
import { LevenshteinDistance as levenshtein } from "natural/lib/natural/distance/levenshtein_distance.js";
import { soundKey } from "./phonetic.ts";

/** Both measures must agree: Jaro-Winkler favours shared prefixes, Levenshtein penalises length gaps. */
function spellingSimilarity(a: string, b: string, floor: number): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  // The edit ratio can be no better than the length gap allows: skip hopeless pairs cheaply.
  if (1 - Math.abs(a.length - b.length) / longest < floor) return 0;
  const jw = jaroWinkler(a, b);
  if (jw < floor) return 0;
  const editRatio = 1 - levenshtein(a, b) / longest;
  return Math.min(jw, editRatio);
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

export function soundedSimilarity(heard: Sounded, name: Sounded, floor = 0): number {
  if (heard.plain === name.plain) return 1;
  if (name.plain.length < 4 || heard.plain.length < 3) return 0;
  // ASR keeps a name's first sound far more often than not; requiring it rejects most words at once.
  if (heard.plain[0] !== name.plain[0] && heard.sound[0] !== name.sound[0]) return 0;
  return Math.max(spellingSimilarity(heard.plain, name.plain, floor), spellingSimilarity(heard.sound, name.sound, floor));
}
