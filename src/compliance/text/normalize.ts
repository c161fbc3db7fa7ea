import porterFr from "natural/lib/natural/stemmers/porter_stemmer_fr.js";
import porterEn from "natural/lib/natural/stemmers/porter_stemmer.js";
import type { Language } from "../../transcript/types.ts";

/** A word of a sentence as the matcher sees it. */
export interface Token {
  /** Lowercased, accents removed. */
  norm: string;
  /** Language stem of `norm`. */
  stem: string;
}

/** A run of a sentence's tokens that cues are matched in, and where it starts in the sentence. */
export interface TokenWindow {
  offset: number;
  tokens: Token[];
}

export interface Sentence {
  /** The sentence as written in the transcript (used as evidence). */
  text: string;
  tokens: Token[];
  /**
   * The sentence itself, or, when it is a long unpunctuated run (ASR output often is), overlapping
   * windows of it: a cue and its exclusions then have to hold within one stretch of speech, not
   * anywhere in a minute-long run-on utterance.
   */
  windows: TokenWindow[];
}

const LONG_SENTENCE = 30;
const WINDOW = 24;
const STRIDE = 12;

export function windowsOf(tokens: Token[]): TokenWindow[] {
  if (tokens.length <= LONG_SENTENCE) return [{ offset: 0, tokens }];
  const windows: TokenWindow[] = [];
  for (let offset = 0; ; offset += STRIDE) {
    windows.push({ offset, tokens: tokens.slice(offset, offset + WINDOW) });
    if (offset + WINDOW >= tokens.length) return windows;
  }
}

const STEMMERS: Record<Language, { stem(word: string): string }> = { fr: porterFr, en: porterEn };

export function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

/** Symbols that carry meaning for pitch detection become words before tokenizing. */
function spellSymbols(text: string): string {
  return text
    .replace(/€/g, " euros ")
    .replace(/£/g, " pounds ")
    .replace(/\$/g, " dollars ")
    .replace(/%/g, " percent ");
}

export function normalizeWords(text: string): string[] {
  return stripAccents(spellSymbols(text).toLowerCase())
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** French elided words ("d'Énerlio", "l'offre", "qu'il") written out, so "de {brand}" matches "d'Énerlio". */
const FRENCH_ELISIONS: Record<string, string> = { d: "de", l: "le", j: "je", m: "me", t: "te", s: "se", n: "ne", c: "ce", qu: "que" };

export function expandElision(word: string, language: Language): string {
  return language === "fr" ? (FRENCH_ELISIONS[word] ?? word) : word;
}

export function stemWord(word: string, language: Language): string {
  return STEMMERS[language].stem(word);
}

export function tokenize(text: string, language: Language, fillers: ReadonlySet<string>): Token[] {
  return normalizeWords(text)
    .filter((w) => !fillers.has(w))
    .map((w) => {
      const norm = expandElision(w, language);
      return { norm, stem: stemWord(norm, language) };
    });
}

/**
 * Splits on sentence punctuation (. ! ? …). ASR output often has none, in which case the whole
 * utterance is one sentence; decimal commas and points ("19,99") are kept inside numbers. A
 * semicolon or a colon does not end the sentence: the clause after it often refers back to the
 * one before ("l'appel est enregistré ; si vous le refusez, je l'arrête").
 */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<!\d)[.!?…]+(?!\d)|(?<=\d)[.!?…]+(?=\s|$)|\n+/)
    .map((s) => s.trim())
    .filter((s) => normalizeWords(s).length > 0);
}

export function toSentences(text: string, language: Language, fillers: ReadonlySet<string>): Sentence[] {
  return splitSentences(text).map((s) => {
    const tokens = tokenize(s, language, fillers);
    return { text: s, tokens, windows: windowsOf(tokens) };
  });
}
