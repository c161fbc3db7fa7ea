/**
 * Label-preserving, ASR-like perturbations of labelled calls, to measure how the compliance
 * engine copes with speech-recognition output rather than tidy text (scripts/eval-perturbed.ts).
 * Each family changes only the words' surface (case, punctuation, how numbers and names are
 * written, hesitations), never what the agent or the customer said, so the labels stay true.
 * Pseudo-random choices come from a PRNG seeded by the family and the call id: every run gives
 * the same text.
 */
import { pseudoRandomBytes } from "../../scripts/fixtures/corrupt.ts";
import type { Language } from "../../src/transcript/types.ts";
import type { EvalCase } from "./eval-case.ts";

export const PERTURBATION_FAMILIES = ["lowercase-nopunct", "numbers-as-words", "split-names", "fillers", "all"] as const;
export type PerturbationFamily = (typeof PERTURBATION_FAMILIES)[number];

/** A stream of pseudo-random bytes (0..255), deterministic for a given key. */
export type Rng = () => number;

export function seededRng(key: string): Rng {
  // FNV-1a of the key as the seed.
  let seed = 0x811c9dc5;
  for (const ch of key) seed = Math.imul(seed ^ ch.codePointAt(0)!, 0x01000193) >>> 0;
  let bytes = pseudoRandomBytes(256, seed);
  let at = 0;
  return () => {
    if (at === bytes.length) {
      seed = (seed + 1) >>> 0;
      bytes = pseudoRandomBytes(256, seed);
      at = 0;
    }
    return bytes[at++]!;
  };
}

// ---------------------------------------------------------------------------------------------
// lowercase-nopunct

/**
 * Lowercase, no punctuation at all: each utterance becomes one run of words, as Whisper gives
 * it with punctuation off. Apostrophes and hyphens inside words ("l'offre", "don't", "est-ce")
 * are part of the words, and a decimal separator between digits ("19,99") part of the number.
 */
export function lowercaseNoPunct(text: string): string {
  return text
    .toLowerCase()
    .replace(/(?<!\d)[.,](?!\d)|(?<=\d)[.,](?!\d)|(?<!\d)[.,](?=\d)/g, " ")
    .replace(/[;:!?…"«»“”„‘‛()[\]–—]|(?<=\s)[-'’](?=\s)|^['’-]|['’-]$|(?<=\s)['’]|['’](?=\s)/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

// ---------------------------------------------------------------------------------------------
// numbers-as-words

const FR_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"];
const FR_TENS: Record<number, string> = { 2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante" };

function frenchNumber(n: number): string {
  if (n < 17) return FR_UNITS[n]!;
  if (n < 20) return `dix-${FR_UNITS[n - 10]}`;
  if (n < 70) {
    const tens = FR_TENS[Math.floor(n / 10)]!;
    const unit = n % 10;
    return unit === 0 ? tens : unit === 1 ? `${tens} et un` : `${tens}-${FR_UNITS[unit]}`;
  }
  if (n < 80) return n === 71 ? "soixante et onze" : `soixante-${frenchNumber(n - 60)}`;
  if (n < 100) return n === 80 ? "quatre-vingts" : `quatre-vingt-${frenchNumber(n - 80)}`;
  if (n < 1000) {
    const hundreds = Math.floor(n / 100);
    const rest = n % 100;
    const head = hundreds === 1 ? "cent" : `${FR_UNITS[hundreds]} cent${rest === 0 ? "s" : ""}`;
    return rest === 0 ? head : `${head} ${frenchNumber(rest)}`;
  }
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  const head = thousands === 1 ? "mille" : `${frenchNumber(thousands)} mille`;
  return rest === 0 ? head : `${head} ${frenchNumber(rest)}`;
}

const EN_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

function englishNumber(n: number): string {
  if (n < 20) return EN_ONES[n]!;
  if (n < 100) return n % 10 === 0 ? EN_TENS[n / 10]! : `${EN_TENS[Math.floor(n / 10)]}-${EN_ONES[n % 10]}`;
  if (n < 1000) {
    const rest = n % 100;
    const head = `${EN_ONES[Math.floor(n / 100)]} hundred`;
    return rest === 0 ? head : `${head} and ${englishNumber(rest)}`;
  }
  const rest = n % 1000;
  const head = `${englishNumber(Math.floor(n / 1000))} thousand`;
  return rest === 0 ? head : `${head}${rest < 100 ? " and" : ""} ${englishNumber(rest)}`;
}

/** A whole number in words, or its digits when too large to be said as one number. */
export function numberInWords(n: number, language: Language): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) return String(n);
  return language === "fr" ? frenchNumber(n) : englishNumber(n);
}

const CURRENCY: Record<Language, Record<string, [one: string, many: string, cents: string]>> = {
  fr: { "€": ["euro", "euros", "centimes"], euro: ["euro", "euros", "centimes"], "£": ["livre", "livres", "pence"], $: ["dollar", "dollars", "cents"] },
  en: { "€": ["euro", "euros", "cents"], euro: ["euro", "euros", "cents"], "£": ["pound", "pounds", "p"], pound: ["pound", "pounds", "p"], $: ["dollar", "dollars", "cents"] },
};

function price(units: string, cents: string | undefined, currency: string, language: Language): string {
  const key = currency.toLowerCase().replace(/s$/, "");
  const [one, many, centsWord] = CURRENCY[language][key] ?? CURRENCY[language]["€"]!;
  const whole = Number(units);
  const fraction = cents === undefined ? 0 : Number(cents.padEnd(2, "0"));
  if (whole === 0 && fraction > 0) return `${numberInWords(fraction, language)} ${centsWord}`;
  const head = `${numberInWords(whole, language)} ${whole === 1 ? one : many}`;
  return fraction > 0 ? `${head} ${numberInWords(fraction, language)}` : head;
}

/** A stand-in for a kept piece of text, with no digit, letter, space or punctuation that a later replacement could touch. */
function placeholder(index: number): string {
  return `\u0000${String.fromCharCode(0xe000 + index)}\u0000`;
}

function restore(text: string, kept: string[]): string {
  return text.replace(/\u0000([\ue000-\uf8ff])\u0000/g, (_m, c: string) => kept[c.charCodeAt(0) - 0xe000]!);
}

/** Phone-like digit strings (8 digits or more in groups, or a long run starting with 0) are read out digit by digit by ASR too: left alone. */
const PHONE_LIKE = /(?<![\p{L}\d])(?:\+?\d{1,4}(?:[ .-]\d{2,4}){2,}|0\d{5,})(?![\p{L}\d])/gu;

/**
 * Digits, prices and percentages written out as said in the call's language ("29,99 €" ->
 * "vingt-neuf euros quatre-vingt-dix-neuf", "£30" -> "thirty pounds", "20%" -> "twenty
 * percent"). Phone-like strings and digits glued to letters ("5G", "1er", "18h30") stay.
 */
export function numbersAsWords(text: string, language: Language): string {
  const kept: string[] = [];
  const sep = language === "fr" ? "," : ".";
  let out = text.replace(PHONE_LIKE, (m) => {
    kept.push(m);
    return placeholder(kept.length - 1);
  });
  const notAfter = String.raw`(?<![\p{L}\d.,])`;
  const decimal = String.raw`(\d+)(?:[.,](\d{1,2}))?`;
  // "£30", "$5.99"
  out = out.replace(new RegExp(`${notAfter}([£$€])\\s?${decimal}(?![\\p{L}\\d])`, "gu"), (_m, cur: string, u: string, c?: string) => price(u, c, cur, language));
  // "29,99 €", "18 euros", "20 pounds"
  out = out.replace(new RegExp(`${notAfter}${decimal}\\s?(€|£|\\$|euros?\\b|pounds?\\b)`, "giu"), (_m, u: string, c: string | undefined, cur: string) => price(u, c, cur, language));
  // "20%", "10 %"
  out = out.replace(new RegExp(`${notAfter}${decimal}\\s?%`, "gu"), (_m, u: string, c?: string) => {
    const words = c === undefined ? numberInWords(Number(u), language) : `${numberInWords(Number(u), language)} ${language === "fr" ? "virgule" : "point"} ${numberInWords(Number(c), language)}`;
    return `${words} ${language === "fr" ? "pour cent" : "percent"}`;
  });
  // A bare decimal ("24.99 a month", "0,19"): said as two numbers, or "zero point ..." below one.
  out = out.replace(new RegExp(`${notAfter}(\\d+)[${sep}](\\d{1,2})(?![\\p{L}\\d])`, "gu"), (_m, u: string, c: string) => {
    const whole = Number(u);
    const fraction = numberInWords(Number(c.padEnd(2, "0")), language);
    return whole === 0 ? `${numberInWords(0, language)} ${language === "fr" ? "virgule" : "point"} ${fraction}` : `${numberInWords(whole, language)} ${fraction}`;
  });
  out = out.replace(/(?<![\p{L}\d.,])\d+(?![\p{L}\d]|[.,]\d)/gu, (m) => numberInWords(Number(m), language));
  return restore(out, kept);
}

// ---------------------------------------------------------------------------------------------
// split-names

const VOWELS = /[aeiouyàâäéèêëîïôöùûüÿœæ]/;

/**
 * One word cut in two at a syllable-ish place near its middle, lowercased ("Fibralis" ->
 * "fibra lis", "Kinetel" -> "kine tel"): before a consonant that starts a syllable (vowel |
 * consonant vowel) or between two consonants, whichever is nearest the middle.
 */
export function splitWord(word: string): string {
  const w = word.toLowerCase();
  const chars = [...w];
  if (chars.length < 4) return w;
  const vowel = (i: number) => VOWELS.test(chars[i] ?? "");
  const letter = (i: number) => /\p{L}/u.test(chars[i] ?? "");
  let best = -1;
  let bestCost = Infinity;
  for (let i = 2; i <= chars.length - 2; i++) {
    const consonant = letter(i) && !vowel(i);
    const onset = chars.slice(i, i + 2).join("");
    // A syllable starts with one consonant, or with a pair said together ("br", "pl", "ph", "ch").
    const syllable = vowel(i - 1) && consonant && (vowel(i + 1) || (/^(?:[bcdfgkptv][rl]|[cpst]h)$/.test(onset) && vowel(i + 2)));
    const cluster = letter(i - 1) && !vowel(i - 1) && consonant && chars[i] !== "h" && chars.slice(0, i - 1).some((_c, k) => vowel(k));
    if (!syllable && !cluster) continue;
    // Nearest the middle; a syllable start wins a tie.
    const cost = Math.abs(i - chars.length / 2) + (syllable ? 0 : 0.25);
    if (cost < bestCost) [best, bestCost] = [i, cost];
  }
  if (best < 0) best = Math.floor(chars.length / 2);
  return `${chars.slice(0, best).join("")} ${chars.slice(best).join("")}`;
}

/**
 * A configured name as ASR may write it: a one-word name cut in two ("fibra lis"); a name of
 * several words with one space dropped ("axiomecontact") or its longest word cut ("pinna cle
 * dialog"), chosen by the PRNG. Always lowercase.
 */
export function splitName(name: string, rng: Rng): string {
  const words = name.split(/\s+/).filter(Boolean);
  if (words.length === 1) return splitWord(words[0]!);
  if (rng() % 2 === 0) {
    const at = rng() % (words.length - 1);
    return [...words.slice(0, at), `${words[at]}${words[at + 1]}`, ...words.slice(at + 2)].join(" ").toLowerCase();
  }
  const longest = words.reduce((a, w, i) => (w.length > words[a]!.length ? i : a), 0);
  return words.map((w, i) => (i === longest ? splitWord(w) : w.toLowerCase())).join(" ");
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A regex for the configured names as written (case and accents as configured, whole words), longest first. */
function namesPattern(names: string[]): RegExp | null {
  const unique = [...new Set(names.map((n) => n.trim()).filter(Boolean))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\d])(?:${unique.map((n) => escapeRegExp(n).replace(/\s+/g, "\\s+")).join("|")})(?![\\p{L}\\d])`, "gu");
}

/** Every occurrence of a configured name written split as `splitName` does; each name is split the same way throughout the call. */
export function splitNames(text: string, names: string[], forms: Map<string, string>, rng: Rng): string {
  const pattern = namesPattern(names);
  if (!pattern) return text;
  return text.replace(pattern, (m) => {
    const key = m.replace(/\s+/g, " ");
    let form = forms.get(key);
    if (form === undefined) {
      form = splitName(key, rng);
      forms.set(key, form);
    }
    return form;
  });
}

// ---------------------------------------------------------------------------------------------
// fillers

const FILLERS: Record<Language, readonly string[]> = { fr: ["euh", "ben", "hein"], en: ["um", "uh", "like", "you know"] };

/** Where the next filler goes: 5 to 11 words on, about every 8 words of the call. */
function nextGap(rng: Rng): number {
  return 5 + (rng() % 7);
}

/** Counts words across the utterances of one call, so that fillers keep their pace over short turns. */
export interface FillerState {
  untilNext: number;
}

export function newFillerState(rng: Rng): FillerState {
  return { untilNext: nextGap(rng) };
}

/** Hesitations inserted between words about every 8 words, never inside a configured name. */
export function insertFillers(text: string, language: Language, names: string[], state: FillerState, rng: Rng): string {
  const protectedNames: string[] = [];
  const pattern = namesPattern(names);
  const masked = pattern
    ? text.replace(pattern, (m) => {
        protectedNames.push(m);
        return placeholder(protectedNames.length - 1);
      })
    : text;
  const words = masked.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  words.forEach((word, i) => {
    out.push(word);
    if (i === words.length - 1) return;
    state.untilNext--;
    if (state.untilNext > 0) return;
    const choices = FILLERS[language];
    out.push(choices[rng() % choices.length]!);
    state.untilNext = nextGap(rng);
  });
  return restore(out.join(" "), protectedNames);
}

// ---------------------------------------------------------------------------------------------

/** The call with every utterance's text perturbed by the family; settings, times and labels unchanged. */
export function perturbCase(c: EvalCase, family: PerturbationFamily): EvalCase {
  const rng = seededRng(`${family}:${c.id}`);
  const { language } = c.settings;
  const names = [...c.settings.brands, ...c.settings.callCentres, ...c.settings.dataSources];
  const forms = new Map<string, string>();
  const fillers = newFillerState(rng);
  const apply = (text: string): string => {
    let t = text;
    if (family === "numbers-as-words" || family === "all") t = numbersAsWords(t, language);
    if (family === "fillers" || family === "all") t = insertFillers(t, language, names, fillers, rng);
    if (family === "split-names" || family === "all") t = splitNames(t, names, forms, rng);
    if (family === "lowercase-nopunct" || family === "all") t = lowercaseNoPunct(t);
    return t;
  };
  return { ...c, utterances: c.utterances.map((u) => ({ ...u, text: apply(u.text) })) };
}
