/**
 * A coarse French/English sound key for brand and company names, so that an ASR spelling
 * ("fibre alis", "finalistes") still lands near the configured name ("Fibralis").
 * One pass rewrites graphemes (longest first at each position), then doubled letters
 * collapse and silent French endings drop.
 */
const GRAPHEMES: Record<string, string> = {
  sch: "S",
  eau: "o",
  ph: "f",
  qu: "k",
  ch: "S",
  sh: "S",
  ck: "k",
  au: "o",
  ai: "e",
  ei: "e",
  ou: "u",
  c: "k",
  q: "k",
  x: "ks",
  z: "s",
  w: "v",
  y: "i",
  h: "",
};
const SOFT = /gu(?=[eiy])|g(?=[eiy])|c(?=[eiy])/y;
const GRAPHEME = /sch|eau|ph|qu|ch|sh|ck|au|ai|ei|ou|[cqxzwyh]/y;

export function soundKey(word: string): string {
  const letters = word.toLowerCase().replace(/[^a-z]/g, "");
  let key = "";
  for (let i = 0; i < letters.length; ) {
    SOFT.lastIndex = i;
    const soft = SOFT.exec(letters);
    if (soft) {
      key += soft[0] === "gu" ? "g" : soft[0] === "g" ? "j" : "s";
      i += soft[0].length;
      continue;
    }
    GRAPHEME.lastIndex = i;
    const grapheme = GRAPHEME.exec(letters);
    if (grapheme) {
      key += GRAPHEMES[grapheme[0]]!;
      i += grapheme[0].length;
      continue;
    }
    key += letters[i];
    i++;
  }
  // French silent endings: "finalistes" and "finaliste" sound like "finalis".
  return key.replace(/(.)\1+/g, "$1").replace(/(?<=.{3})[estdx]+$/, "").toLowerCase();
}

/**
 * True when no letters written after `word` can change its first sound: the rules above read at
 * most three letters from the first one that is not a silent "h".
 */
export function firstSoundSettled(word: string): boolean {
  return word.toLowerCase().replace(/[^a-z]/g, "").replace(/^h+/, "").length >= 3;
}

/** The first sound of `soundKey(word)`, read from the word's first letters only: a cheap first test before the whole key. */
export function firstSound(word: string): string {
  const letters = word.toLowerCase().replace(/[^a-z]/g, "");
  for (let i = 0; i < letters.length; ) {
    SOFT.lastIndex = i;
    const soft = SOFT.exec(letters);
    if (soft) return soft[0] === "gu" ? "g" : soft[0] === "g" ? "j" : "s";
    GRAPHEME.lastIndex = i;
    const grapheme = GRAPHEME.exec(letters);
    if (!grapheme) return letters[i]!;
    const sound = GRAPHEMES[grapheme[0]]!;
    if (sound !== "") return sound[0]!.toLowerCase();
    i += grapheme[0].length;
  }
  return "";
}
