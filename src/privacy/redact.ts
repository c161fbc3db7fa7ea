/**
 * Redaction of card numbers, IBANs, e-mail addresses and phone numbers in transcript text, as
 * people say them and as whisper writes them: in digits ("06 12 34 56 78", "4111 1111 ..."),
 * in words in French or English ("zéro six douze trente-quatre...", "quatre mille cent onze",
 * "four one one one", "oh seven seven double oh"), or mixed. A pure function over a string.
 *
 * How: the text is cut into tokens; runs of number tokens (digits, number words, with spaces,
 * commas, dots or hyphens between) are read as one digit string, number words composed the way
 * they are spoken ("quatre mille cent onze" is 4111, "soixante-dix-huit" 78, "zéro six" 06).
 * A run of 13-19 digits passing the Luhn check is a card; letters then digits passing ISO 13616's
 * mod-97 check an IBAN; any other run of 9 or more digits a phone number (or another long
 * number, redacted too). Shorter runs (prices, dates, times, quantities) are left alone.
 */

export type RedactionKind = "card" | "iban" | "email" | "phone" | "number";

export const PLACEHOLDER: Readonly<Record<RedactionKind, string>> = {
  card: "[CARD]",
  iban: "[IBAN]",
  email: "[EMAIL]",
  phone: "[PHONE]",
  number: "[NUMBER]",
};

type WordKind = "zero" | "unit" | "teen" | "ten" | "hundred" | "thousand";

const WORDS: Readonly<Record<string, [WordKind, number]>> = (() => {
  const table: Record<string, [WordKind, number]> = {};
  const add = (kind: WordKind, value: number, ...words: string[]) => {
    for (const w of words) table[w] = [kind, value];
  };
  add("zero", 0, "zero", "zeros");
  add("unit", 1, "un", "une", "one");
  add("unit", 2, "deux", "two");
  add("unit", 3, "trois", "three");
  add("unit", 4, "quatre", "four");
  add("unit", 5, "cinq", "five");
  add("unit", 6, "six", "sixe");
  add("unit", 7, "sept", "seven");
  add("unit", 8, "huit", "eight");
  add("unit", 9, "neuf", "nine");
  add("teen", 10, "dix", "ten");
  add("teen", 11, "onze", "eleven");
  add("teen", 12, "douze", "twelve");
  add("teen", 13, "treize", "thirteen");
  add("teen", 14, "quatorze", "fourteen");
  add("teen", 15, "quinze", "fifteen");
  add("teen", 16, "seize", "sixteen");
  add("teen", 17, "seventeen");
  add("teen", 18, "eighteen");
  add("teen", 19, "nineteen");
  add("ten", 20, "vingt", "vingts", "twenty");
  add("ten", 30, "trente", "thirty");
  add("ten", 40, "quarante", "forty", "fourty");
  add("ten", 50, "cinquante", "fifty");
  add("ten", 60, "soixante", "sixty");
  add("ten", 70, "septante", "seventy");
  add("ten", 80, "huitante", "octante", "eighty");
  add("ten", 90, "nonante", "ninety");
  add("hundred", 100, "cent", "cents", "hundred");
  add("thousand", 1000, "mille", "thousand");
  return table;
})();

/** Words that join parts of one number ("vingt et un", "one hundred and five"). */
const CONNECTORS = new Set(["et", "and"]);
/** English readings of 0 inside a number ("oh six", "double oh"); alone they are interjections. */
const SPOKEN_ZERO = new Set(["oh", "o"]);
const REPEATERS: Readonly<Record<string, number>> = { double: 2, triple: 3 };
/** What may stand between two tokens of one number: spaces and the punctuation whisper puts in digit groups. */
const RUN_SEPARATOR = /^[\s,.\-/()]{1,3}$/u;

interface Token {
  kind: "digits" | "word" | "plus" | "other";
  text: string;
  /** Lower case, accents removed (words only). */
  key: string;
  start: number;
  end: number;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const m of text.matchAll(/(\d+)|(\p{L}+)|(\+)|([^\p{L}\d+]+)/gu)) {
    const start = m.index;
    const kind = m[1] ? "digits" : m[2] ? "word" : m[3] ? "plus" : "other";
    const key = kind === "word" ? m[0].normalize("NFD").replace(/\p{M}/gu, "").toLowerCase() : m[0];
    tokens.push({ kind, text: m[0], key, start, end: start + m[0].length });
  }
  return tokens;
}

function isNumberWord(t: Token | undefined): boolean {
  return t !== undefined && t.kind === "word" && (t.key in WORDS || t.key in REPEATERS);
}

/** A token that can belong to a number here (spoken zeros and connectors only between numbers). */
function numeric(tokens: Token[], i: number): boolean {
  const t = tokens[i]!;
  if (t.kind === "digits" || isNumberWord(t)) return true;
  if (t.kind !== "word") return false;
  const neighbour = (step: number) => {
    const j = i + step;
    const sep = tokens[j];
    if (sep && sep.kind === "other" && RUN_SEPARATOR.test(sep.text)) return tokens[j + step];
    return sep;
  };
  const prev = neighbour(-1);
  const next = neighbour(1);
  const isNum = (n: Token | undefined) => n !== undefined && (n.kind === "digits" || isNumberWord(n));
  if (SPOKEN_ZERO.has(t.key)) return isNum(prev) || isNum(next) || (next !== undefined && SPOKEN_ZERO.has(next.key));
  if (CONNECTORS.has(t.key)) return isNum(prev) && isNum(next);
  return false;
}

/**
 * Reads number words and digit groups as the digits they say. Spoken numbers are composed
 * (4 1000 100 11 is 4111) until a word cannot continue the number being built, which starts
 * the next one; a phone number read in pairs or a card read digit by digit comes out whole.
 */
export function spokenDigits(words: string[]): string {
  let out = "";
  let total = 0;
  let group = 0;
  let last: WordKind | "none" | "teen10" = "none";
  let open = false;
  const flush = () => {
    if (open) out += String(total + group);
    total = 0;
    group = 0;
    last = "none";
    open = false;
  };
  let repeat = 1;
  for (const raw of words) {
    if (/^\d+$/.test(raw)) {
      flush();
      out += raw.repeat(repeat);
      repeat = 1;
      continue;
    }
    const key = raw.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    if (CONNECTORS.has(key)) continue;
    if (key in REPEATERS) {
      flush();
      repeat = REPEATERS[key]!;
      continue;
    }
    const [kind, value] = SPOKEN_ZERO.has(key) ? (["zero", 0] as const) : WORDS[key] ?? (["zero", -1] as const);
    if (value < 0) continue;
    if (kind === "zero" || repeat > 1) {
      flush();
      out += String(value).repeat(repeat);
      repeat = 1;
      continue;
    }
    const extends_ = (() => {
      if (!open) return false;
      switch (kind) {
        case "unit":
          // vingt et un, cent un, mille un, soixante-dix-sept (only 7 to 9 follow dix)
          return last === "ten" || last === "hundred" || last === "thousand" || (last === "teen10" && value >= 7);
        case "teen":
          // soixante-dix, quatre-vingt-douze, cent onze, mille douze
          return (last === "ten" && (group % 100 === 60 || group % 100 === 80)) || last === "hundred" || last === "thousand";
        case "ten":
          // quatre-vingt(s) after a lone four; tens after cent or mille
          return (last === "unit" && group === 4 && value === 20) || last === "hundred" || last === "thousand";
        case "hundred":
          return (last === "unit" && group < 10) || last === "thousand";
        case "thousand":
          return total === 0 && group > 0 && last !== "thousand";
      }
      return false;
    })();
    if (!extends_) flush();
    open = true;
    switch (kind) {
      case "unit":
        group += value;
        last = "unit";
        break;
      case "teen":
        group += value;
        last = value === 10 ? "teen10" : "teen";
        break;
      case "ten":
        group = last === "unit" && group === 4 && value === 20 ? 80 : group + value;
        last = "ten";
        break;
      case "hundred":
        group = group === 0 ? 100 : group * 100;
        last = "hundred";
        break;
      case "thousand":
        total = (group === 0 ? 1 : group) * 1000;
        group = 0;
        last = "thousand";
        break;
    }
  }
  flush();
  return out;
}

export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/** ISO 13616: country letters, two check digits, then the account; valid when mod 97 of the rearranged number is 1. */
export function ibanValid(iban: string): boolean {
  const s = iban.toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$/.test(s)) return false;
  const rearranged = s.slice(4) + s.slice(0, 4);
  let rest = 0;
  for (const ch of rearranged) {
    const v = ch >= "A" ? String(ch.charCodeAt(0) - 55) : ch;
    for (const d of v) rest = (rest * 10 + (d.charCodeAt(0) - 48)) % 97;
  }
  return rest === 1;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const TLD = "(?:com|fr|net|org|eu|io|be|ch|de|es|it|uk|info|biz|co)";
const DOT = "(?:point|dot|\\.)";
/** "jean point dupont arobase gmail point com", "john dot smith at gmail dot com". */
const SPOKEN_EMAIL = new RegExp(
  `[\\p{L}\\p{N}_-]+(?:\\s*${DOT}\\s*[\\p{L}\\p{N}_-]+)*\\s+(?:arobase|arrobase|at)\\s+[\\p{L}\\p{N}-]+(?:\\s*${DOT}\\s*[\\p{L}\\p{N}-]+)*\\s*${DOT}\\s*${TLD}\\b`,
  "giu",
);
/** Where a written IBAN may start: country letters and check digits. */
const IBAN_START = /\b[A-Z]{2}\d{2}/gi;

/**
 * Written IBANs, in groups of four or not (FR76 3000 6000 0112 3456 7890 189): from each
 * possible start, the longest stretch of letters and digits (single spaces or dashes between)
 * that ends on a word boundary and passes mod-97.
 */
function writtenIbans(text: string): Span[] {
  const spans: Span[] = [];
  const alnum = (c: string | undefined) => c !== undefined && /[A-Za-z0-9]/.test(c);
  for (const m of text.matchAll(IBAN_START)) {
    let compact = m[0];
    let i = m.index + m[0].length;
    let end = -1;
    while (compact.length < 34) {
      const j = text[i] === " " || text[i] === "-" ? i + 1 : i;
      if (!alnum(text[j])) break;
      compact += text[j];
      i = j + 1;
      if (compact.length >= 14 && !alnum(text[i]) && ibanValid(compact)) end = i;
    }
    if (end > 0) spans.push({ start: m.index, end, kind: "iban" });
  }
  return spans;
}

interface Span {
  start: number;
  end: number;
  kind: RedactionKind;
}

function classify(digits: string, plus: boolean, raw: string): RedactionKind | null {
  if (digits.length >= 13 && digits.length <= 19 && !plus && luhnValid(digits)) return "card";
  // Phone numbers are 9 to 15 digits (E.164), whatever the country; longer ones are other numbers.
  if (digits.length >= 9 && digits.length <= 15 && !(digits.length >= 13 && !plus && !digits.startsWith("0"))) return "phone";
  if (digits.length >= 9) return "number";
  if (plus && digits.length >= 8) return "phone";
  // Whisper drops digits of numbers read aloud ("07700 900 461" came out as "077 09461"): a
  // shorter run is still someone's number, the more so when it starts like a phone number.
  // Dates and times ("31/12/2026", "18:30:00") are not.
  if (digits.length >= 7 && !/[/:]/.test(raw)) return digits.startsWith("0") ? "phone" : "number";
  return null;
}

function numberSpans(text: string): Span[] {
  const tokens = tokenize(text);
  const spans: Span[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (!numeric(tokens, i)) {
      i++;
      continue;
    }
    // Extend the run over separators to the last number token.
    let j = i;
    let k = i;
    while (k + 1 < tokens.length) {
      const sep = tokens[k + 1]!;
      if (sep.kind === "other" && RUN_SEPARATOR.test(sep.text) && k + 2 < tokens.length && numeric(tokens, k + 2)) k += 2;
      else if (numeric(tokens, k + 1)) k += 1;
      else break;
      j = k;
    }
    const words = tokens.slice(i, j + 1).filter((t) => t.kind === "digits" || t.kind === "word").map((t) => t.text);
    const digits = spokenDigits(words);
    // A leading "+" or "plus" ("plus trente-trois six...") marks an international number.
    const before = tokens[i - 1];
    const beforeWord = tokens[i - 2];
    const plusToken = before?.kind === "plus" ? before : before?.kind === "other" && beforeWord?.key === "plus" ? beforeWord : undefined;
    const letters = ibanLetters(tokens, i);
    if (letters && ibanValid(letters.code + digits)) {
      spans.push({ start: letters.start, end: tokens[j]!.end, kind: "iban" });
    } else {
      const kind = classify(digits, plusToken !== undefined, text.slice(tokens[i]!.start, tokens[j]!.end));
      if (kind) spans.push({ start: plusToken?.start ?? tokens[i]!.start, end: tokens[j]!.end, kind });
    }
    i = j + 1;
  }
  return spans;
}

/** The country letters before a spoken IBAN: "FR" or "F R" (whisper writes both). */
function ibanLetters(tokens: Token[], i: number): { code: string; start: number } | undefined {
  const prev = (n: number) => tokens[i - n];
  const sep1 = prev(1);
  if (!sep1 || sep1.kind !== "other" || !RUN_SEPARATOR.test(sep1.text)) return undefined;
  const w1 = prev(2);
  if (w1?.kind !== "word") return undefined;
  if (/^[A-Za-z]{2}$/.test(w1.text)) return { code: w1.text.toUpperCase(), start: w1.start };
  const sep2 = prev(3);
  const w2 = prev(4);
  if (/^[A-Za-z]$/.test(w1.text) && sep2?.kind === "other" && RUN_SEPARATOR.test(sep2.text) && w2?.kind === "word" && /^[A-Za-z]$/.test(w2.text)) {
    return { code: (w2.text + w1.text).toUpperCase(), start: w2.start };
  }
  return undefined;
}

export interface Redaction {
  text: string;
  /** What was replaced, in order of appearance. */
  found: RedactionKind[];
}

/** Replaces card numbers, IBANs, e-mail addresses and phone numbers by placeholders. */
export function redact(text: string): Redaction {
  const spans: Span[] = [];
  for (const m of text.matchAll(EMAIL)) spans.push({ start: m.index, end: m.index + m[0].length, kind: "email" });
  for (const m of text.matchAll(SPOKEN_EMAIL)) spans.push({ start: m.index, end: m.index + m[0].length, kind: "email" });
  spans.push(...writtenIbans(text));
  spans.push(...numberSpans(text));
  if (spans.length === 0) return { text, found: [] };
  // Earlier and longer spans win where they overlap (an e-mail holding digits stays one e-mail).
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  const found: RedactionKind[] = [];
  for (const s of spans) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + PLACEHOLDER[s.kind];
    found.push(s.kind);
    at = s.end;
  }
  return { text: out + text.slice(at), found };
}

export function redactText(text: string): string {
  return redact(text).text;
}
