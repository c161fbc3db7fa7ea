import porterFr from "natural/lib/natural/stemmers/porter_stemmer_fr.js";
import porterEn from "natural/lib/natural/stemmers/porter_stemmer.js";
import type { Language } from "../../transcript/types.ts";
import { stemKey } from "./word-hash.ts";

/** A word of a sentence as the matcher sees it. */
export interface Token {
  /** Lowercased, accents removed. */
  norm: string;
  /** Language stem of `norm`. */
  stem: string;
  /** The stem's key (see word-hash.ts): compared before the stem itself, as most words are not the cue word. */
  key: number;
  /**
   * Part of a filler that is also an ordinary word or phrase ("like", "you know", "genre"): a
   * cue may step over it or match it (see `softFillers` in the rule pack).
   */
  soft: boolean;
  /**
   * Part of a configured name said as configured: its words are the name's, not cue words
   * ("Marketing" in "Pennine Direct Marketing" says nothing of the call's nature).
   */
  inName: boolean;
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
  /** Written with a question mark: an agent's question may open the pitch (see pitch.ts). */
  question: boolean;
  /** Its utterance has punctuation: false for text from a recognizer that writes none, where no question can be "written". */
  punctuated: boolean;
}

const LONG_SENTENCE = 30;
const WINDOW = 24;
const STRIDE = 12;

/** Windows are sized in words that are not soft fillers: "like" and "you know" must not push a cue out of its window. */
export function windowsOf(tokens: Token[]): TokenWindow[] {
  // Most sentences are short enough, soft fillers or not, to be one window.
  if (tokens.length <= LONG_SENTENCE) return [{ offset: 0, tokens }];
  const words: number[] = [];
  tokens.forEach((t, i) => {
    if (!t.soft) words.push(i);
  });
  if (words.length <= LONG_SENTENCE) return [{ offset: 0, tokens }];
  const windows: TokenWindow[] = [];
  for (let first = 0; ; first += STRIDE) {
    // From the sentence's start or the window's first word, to just before the word after its last.
    const offset = first === 0 ? 0 : words[first]!;
    const end = first + WINDOW < words.length ? words[first + WINDOW]! : tokens.length;
    windows.push({ offset, tokens: tokens.slice(offset, end) });
    if (first + WINDOW >= words.length) return windows;
  }
}

const STEMMERS: Record<Language, { stem(word: string): string }> = { fr: porterFr, en: porterEn };

const ASCII = /^[\x00-\x7f]*$/;

function stripAccents(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

const SYMBOLS = /[€£$%]/;

/** Symbols that carry meaning for pitch detection become words before tokenizing. */
function spellSymbols(text: string): string {
  if (!SYMBOLS.test(text)) return text;
  return text
    .replace(/€/g, " euros ")
    .replace(/£/g, " pounds ")
    .replace(/\$/g, " dollars ")
    .replace(/%/g, " percent ");
}

export function normalizeWords(text: string): string[] {
  const lowered = spellSymbols(text).toLowerCase();
  // Most English text is ASCII: no accent to strip, the decomposition is skipped.
  if (ASCII.test(lowered)) return wordsOf(lowered);
  // A text with a character past ASCII ("é", "’") is held two bytes a character, and so is every
  // word V8 cuts from it: lowercasing such a word, as natural's stemmers do again, goes through
  // ICU's case tables. The words themselves are ASCII: copied into one-byte strings. 1.017x and
  // 1.054x by bench:engine:compare.
  return wordsOf(stripAccents(lowered)).map(oneByteCopy);
}

function wordsOf(text: string): string[] {
  return text.split(/[^a-z0-9]+/).filter((w) => w.length > 0);
}

/** The ASCII word as a new string of one byte a character. */
function oneByteCopy(word: string): string {
  const codes = new Array<number>(word.length);
  for (let i = 0; i < word.length; i++) codes[i] = word.charCodeAt(i);
  return String.fromCharCode(...codes);
}

/** French elided words ("d'Énerlio", "l'offre", "qu'il") written out, so "de {brand}" matches "d'Énerlio". */
const FRENCH_ELISIONS: ReadonlyMap<string, string> = new Map(Object.entries({ d: "de", l: "le", j: "je", m: "me", t: "te", s: "se", n: "ne", c: "ce", qu: "que" }));

export function expandElision(word: string, language: Language): string {
  // Only one- and two-letter words are elided: longer ones skip the lookup.
  return language === "fr" && word.length <= 2 ? (FRENCH_ELISIONS.get(word) ?? word) : word;
}

/** A word's stem and the stem's key, as a token carries them. */
export interface StemmedWord {
  stem: string;
  key: number;
}

export function stemmedWord(word: string, language: Language): StemmedWord {
  const stem = STEMMERS[language].stem(word);
  return { stem, key: stemKey(stem) };
}

/** What a lexicon says about words before any cue is matched (rule-pack.ts, `Lexicon`). */
export interface WordRules {
  fillers: ReadonlySet<string>;
  /** By first word (see `Lexicon.softFillers`). */
  softFillers?: ReadonlyMap<string, ReadonlyArray<readonly string[]>>;
  spokenForms?: ReadonlyMap<string, readonly string[]>;
  /** Stems computed when the rule pack was loaded (see `Lexicon.knownStems`); read only. */
  knownStems?: ReadonlyMap<string, StemmedWord>;
  /** Stems already computed for this text (one call's words recur: "vous", "offre"); owned by one analysis. */
  stems?: Map<string, StemmedWord>;
}

/**
 * The words of a text as the matcher sees them. Fillers that are never words ("euh", "um") are
 * dropped; soft fillers, word sequences that are fillers only in some places ("like", "you know"),
 * are kept and marked, so that a cue neither breaks on them nor loses them where they mean something.
 * Spoken forms ("dont", "chuis") become the words they stand for, so cues need not list them.
 */
export function tokenize(text: string, language: Language, rules: WordRules): Token[] {
  return tokensOf(normalizeWords(text), language, rules);
}

/** The word's stem and key: from the rule pack's, or this text's, or computed (and kept in the text's). */
function stemOf(norm: string, language: Language, rules: WordRules): StemmedWord {
  let stemmed = rules.knownStems?.get(norm) ?? rules.stems?.get(norm);
  if (stemmed === undefined) {
    stemmed = stemmedWord(norm, language);
    rules.stems?.set(norm, stemmed);
  }
  return stemmed;
}

/**
 * The words of a text as `tokenize` reads them (fillers dropped, spoken forms and elisions written
 * out), without their stems: what a configured name is compared with (see prepared.ts).
 */
export function wordsAsRead(text: string, language: Language, rules: Pick<WordRules, "fillers" | "spokenForms">): string[] {
  return normsOf(normalizeWords(text), language, rules);
}

function normsOf(words: string[], language: Language, rules: Pick<WordRules, "fillers" | "spokenForms">): string[] {
  const norms: string[] = [];
  for (const word of words) {
    if (rules.fillers.has(word)) continue;
    for (const spoken of rules.spokenForms?.get(word) ?? [word]) norms.push(expandElision(spoken, language));
  }
  return norms;
}

/** `tokenize` of a text's normalized words. */
function tokensOf(words: string[], language: Language, rules: WordRules): Token[] {
  const { softFillers } = rules;
  // Every field set at once: tokens of one shape keep the matcher's property reads fast.
  const tokens: Token[] = normsOf(words, language, rules).map((norm) => {
    const { stem, key } = stemOf(norm, language, rules);
    return { norm, stem, key, soft: false, inName: false };
  });
  if (!softFillers) return tokens;
  for (let i = 0; i < tokens.length; i++) {
    const fillers = softFillers.get(tokens[i]!.norm);
    if (fillers === undefined) continue;
    for (const filler of fillers) {
      if (filler.every((w, k) => tokens[i + k]?.norm === w)) {
        for (let k = 0; k < filler.length; k++) tokens[i + k]!.soft = true;
      }
    }
  }
  return tokens;
}

/**
 * Splits on sentence punctuation (. ! ? …). ASR output often has none, in which case the whole
 * utterance is one sentence; decimal commas and points ("19,99") are kept inside numbers. A
 * semicolon or a colon does not end the sentence: the clause after it often refers back to the
 * one before ("l'appel est enregistré ; si vous le refusez, je l'arrête").
 */
export function splitSentences(text: string): string[] {
  return writtenSentences(text).map((s) => s.text);
}

/**
 * A run of sentence punctuation, with the question or exclamation mark that French typography sets
 * apart ("gaz... ?"). Captured, so that splitting on it keeps each sentence's punctuation after it.
 */
const SENTENCE_END = /((?<!\d)[.!?…]+(?:\s+[!?]+)*(?!\d)|(?<=\d)[.!?…]+(?:\s+[!?]+)*(?=\s|$)|\n+)/;

interface WrittenSentence {
  text: string;
  words: string[];
  question: boolean;
  punctuated: boolean;
}

const PUNCTUATION = /[.,;:!?…]/;

/** The sentences of a text that have words (see `splitSentences`), with their normalized words and whether their punctuation asks a question. */
function writtenSentences(text: string): WrittenSentence[] {
  const sentences: WrittenSentence[] = [];
  const punctuated = PUNCTUATION.test(text);
  // A split, not `matchAll`, which makes a new regular expression object for every text: the
  // sentences and their ends alternate, the last sentence with no end.
  const parts = text.split(SENTENCE_END);
  for (let at = 0; at < parts.length; at += 2) addSentence(sentences, parts[at]!, parts[at + 1]?.includes("?") ?? false, punctuated);
  return sentences;
}

/** Adds the written sentence to `sentences` when it has words. */
function addSentence(sentences: WrittenSentence[], written: string, question: boolean, punctuated: boolean): void {
  const trimmed = written.trim();
  const words = normalizeWords(trimmed);
  if (words.length > 0) sentences.push({ text: trimmed, words, question, punctuated });
}

export function toSentences(text: string, language: Language, rules: WordRules): Sentence[] {
  return writtenSentences(text).map(({ text: s, words, question, punctuated }) => {
    const tokens = tokensOf(words, language, rules);
    return { text: s, tokens, windows: windowsOf(tokens), question, punctuated };
  });
}
