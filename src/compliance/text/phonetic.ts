/**
 * A coarse French/English sound key for brand and company names, so that an ASR spelling
 * ("fibre alis", "finalistes") still lands near the configured name ("Fibralis").
 * Rules are ordered: multi-letter graphemes first, then single letters, then silent endings.
 */
const REWRITES: Array<[RegExp, string]> = [
  [/ph/g, "f"],
  [/qu/g, "k"],
  [/ch|sh|sch/g, "S"],
  [/gu(?=[eiy])/g, "g"],
  [/g(?=[eiy])/g, "j"],
  [/c(?=[eiy])/g, "s"],
  [/ck|c|q/g, "k"],
  [/x/g, "ks"],
  [/z/g, "s"],
  [/w/g, "v"],
  [/y/g, "i"],
  [/h/g, ""],
  [/eau|au/g, "o"],
  [/ai|ei/g, "e"],
  [/ou/g, "u"],
  [/(.)\1+/g, "$1"],
];

export function soundKey(word: string): string {
  let key = word.toLowerCase().replace(/[^a-z]/g, "");
  for (const [pattern, replacement] of REWRITES) key = key.replace(pattern, replacement);
  // French silent endings: "finalistes" and "finaliste" sound like "finalis".
  const trimmed = key.replace(/(?<=.{3})[estdx]+$/, "");
  return trimmed.toLowerCase();
}
