import jaroWinkler from "natural/lib/natural/distance/jaro-winkler_distance.js";
import { LevenshteinDistance as levenshtein } from "natural/lib/natural/distance/levenshtein_distance.js";
import { soundKey } from "./phonetic.ts";

/** Both measures must agree: Jaro-Winkler favours shared prefixes, Levenshtein penalises length gaps. */
function spellingSimilarity(a: string, b: string): number {
  if (a === b) return 1;
  const longest = Math.max(a.length, b.length);
  if (longest === 0) return 0;
  const editRatio = 1 - levenshtein(a, b) / longest;
  return Math.min(jaroWinkler(a, b), editRatio);
}

/**
 * How close a heard word sequence (joined without spaces) is to a configured name, 0..1,
 * by spelling or by sound, whichever is closer. Short names must match exactly: a fuzzy
 * three-letter match would fire on ordinary words.
 */
export function nameSimilarity(heard: string, name: string): number {
  if (heard === name) return 1;
  if (name.length < 4 || heard.length < 3) return 0;
  return Math.max(spellingSimilarity(heard, name), spellingSimilarity(soundKey(heard), soundKey(name)));
}
