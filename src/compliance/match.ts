import type { CompiledCue, CompiledPattern, EntitySlot, PatternPart } from "./cues.ts";
import { cueMayHold, hasKeyWord, screenWords, type CueScreen, type CueScreenIndex } from "./cue-screen.ts";
import type { Sentence, Token } from "./text/normalize.ts";
import { scratchBytes, scratchFloats, type ScratchArena } from "./scratch.ts";
import { firstSound, firstSoundSettled, soundKey } from "./text/phonetic.ts";
import { addKey, addPrefixKeys, emptyWordKeys, mayHoldIn, unionOfWordKeys, type WordKeys } from "./word-keys.ts";
import { mayBeSimilar, mayReachFloor, soundedSimilarity, type Sounded } from "./text/similarity.ts";

/** A configured name (brand, call centre, data source) in the form the matcher compares. */
export interface NameEntry {
  display: string;
  /**
   * The forms it may be heard in, each as normalized words joined without spaces (so "Fibre Alis"
   * and "Fibralis" compare whole) with its sound key: the whole name first, then shorter forms
   * people say: without its generic last words ("Brightwave" for "Brightwave Energy") or without
   * its leading article ("Guide du Jeune Retraité" for "Le Guide du Jeune Retraité").
   */
  forms: Sounded[];
  /**
   * Its initials, heard as one word or spelt letter by letter ("CMCE", "c m c e" for "Crédit
   * Mutualiste du Centre-Est"): compared exactly, as a few letters are close to many words.
   */
  acronyms: string[];
  /** The first letters of its forms and acronyms, and the first sounds of its forms (see `cannotStartName`). */
  startLetters: string;
  startSounds: string;
  wordCount: number;
  /** Its place among the analysis's configured names (see `MatchContext.nameScores`). */
  index: number;
}

export interface MatchContext {
  names: Record<EntitySlot, NameEntry[]>;
  numberWords: ReadonlySet<string>;
  /** Lowest similarity at which a heard word sequence counts as a configured name. */
  minNameSimilarity: number;
  /**
   * Name scores of each sentence, computed once per analysis: every cue with a name slot asks
   * the same questions of the same sentence. Owned by one analysis, never shared.
   */
  nameScores: Map<Token[], NameTables>;
  /** Each name's score for the heard word runs already compared with it: runs recur across sentences and windows. */
  runScores: Map<NameEntry, Map<string, number>>;
  /** Sound keys of heard word sequences, which recur across sentences ("je vous", "this is"). */
  soundKeys: Map<string, string>;
  /** The longest run of heard words compared with a configured name (see `maxPieces`). */
  maxNamePieces: number;
  /** A sentence cut between two utterances, joined once per pair (the same objects serve every cue; see prepared.ts). */
  runOns: Map<Sentence, Map<Sentence, RunOnSentence>>;
  /** The keys of each token run's stems and of every prefix of its words, so that a prefix cue word ("offre*") is one lookup too: a pattern whose words are absent is ruled out at once. */
  wordIndex: Map<Token[], WordKeys>;
  /** The lexicon's cue screen (null: every cue is tried), and each sentence's screen by its tokens. */
  cueScreen: CueScreenIndex | null;
  screens: Map<Token[], CueScreen>;
  /** Where this analysis's word-key sets, screens and name score tables are cut from. */
  scratch: ScratchArena;
}

/** The value cached under `key` in one of the match context's per-analysis caches, made on first use. */
export function cached<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, make: () => V): V {
  let value = cache.get(key);
  if (value === undefined) {
    value = make();
    cache.set(key, value);
  }
  return value;
}

/** Which of the lexicon's cues may hold in these tokens (see cue-screen.ts), or null when nothing is ruled out. */
export function screenOf(tokens: Token[], ctx: MatchContext): CueScreen | null {
  const index = ctx.cueScreen;
  // The screen reads the same stems and prefixes as the per-pattern check (`wordIndex`): computed once.
  if (!index) return null;
  // Asked before every cue search: looked up without `cached`'s closure.
  let screen = ctx.screens.get(tokens);
  if (screen === undefined) {
    screen = screenWords(wordIndex(tokens, ctx), index, ctx.scratch);
    ctx.screens.set(tokens, screen);
  }
  return screen;
}

/** Records the word index of `tokens`, the tokens of `first` then those of `second`, from theirs: cheaper than reading its words again. */
export function indexJoined(tokens: Token[], first: Token[], second: Token[], ctx: MatchContext): void {
  if (!ctx.wordIndex.has(tokens)) ctx.wordIndex.set(tokens, unionOfWordKeys(wordIndex(first, ctx), wordIndex(second, ctx), ctx.scratch));
}

/**
 * False when none of the cues can match the two token runs joined: one of its required words is
 * in neither. Asked before the runs are joined (see prepared.ts), which most pairs never need.
 */
export function someCueMayMatchJoined(cues: readonly CompiledCue[], first: Token[], second: Token[], ctx: MatchContext): boolean {
  const firstKeys = wordIndex(first, ctx);
  const secondKeys = wordIndex(second, ctx);
  // A cue of the lexicon whose key word is in neither half is ruled out by the two screens' marks, without reading its words.
  const firstScreen = screenOf(first, ctx);
  const secondScreen = screenOf(second, ctx);
  for (const cue of cues) {
    if (cue.onlyWithoutNames && ctx.names.org.length > 0) continue;
    if (firstScreen && secondScreen && !hasKeyWord(cue, firstScreen) && !hasKeyWord(cue, secondScreen)) continue;
    if (cueMayHold(cue, firstKeys, secondKeys)) return true;
  }
  return false;
}

/** The word keys of the tokens, made once per analysis; asked before every pattern match, so looked up without `cached`'s closure. */
function wordIndex(tokens: Token[], ctx: MatchContext): WordKeys {
  let keys = ctx.wordIndex.get(tokens);
  if (keys === undefined) {
    keys = emptyWordKeys(ctx.scratch);
    for (const t of tokens) {
      addKey(keys, t.key);
      addPrefixKeys(t.norm, keys);
    }
    ctx.wordIndex.set(tokens, keys);
  }
  return keys;
}

/** False when no variant of the pattern has all its required words in the tokens: it cannot match there. */
function mayMatch(pattern: CompiledPattern, tokens: Token[], ctx: MatchContext): boolean {
  return mayHoldIn(pattern.requirement, wordIndex(tokens, ctx));
}

/** False when one of the cue's `all` patterns, or all of its `any` patterns, cannot match in the tokens. */
function cueMayMatch(cue: CompiledCue, tokens: Token[], ctx: MatchContext): boolean {
  return cueMayHold(cue, wordIndex(tokens, ctx));
}

/** Two halves of a sentence joined, and where the second half starts. */
export interface RunOnSentence {
  sentence: Sentence;
  cut: number;
}

function soundOf(plain: string, ctx: MatchContext): string {
  return cached(ctx.soundKeys, plain, () => soundKey(plain));
}

export interface PatternMatch {
  startToken: number;
  endToken: number;
  score: number;
}

export interface CueMatch extends PatternMatch {
  cue: string;
}

/**
 * ASR may cut a name into a few pieces ("fi bra lis", "brigh twave energy"): a name is compared
 * with runs of up to two more words than it has.
 */
export function maxPieces(entry: Pick<NameEntry, "wordCount">): number {
  return entry.wordCount + 2;
}

/** Stands for a run with no letters in a run's first sounds: no name starts with it. */
const NO_SOUND = "#";

/**
 * The first sounds of the word runs starting at token `from`, one per run length (one word, two
 * words...) up to the length whose first sound nothing after can change (see `firstSoundSettled`),
 * the longest name run, or the sentence's end: the same for every configured name, read once.
 */
function runFirstSounds(tokens: Token[], from: number, maxPieces: number): string {
  let plain = "";
  let sounds = "";
  for (let at = from; at < tokens.length && at < from + maxPieces; at++) {
    plain += tokens[at]!.norm;
    sounds += firstSound(plain) || NO_SOUND;
    if (firstSoundSettled(plain)) break;
  }
  return sounds;
}

/**
 * True when no word run starting at token `from` can be the name: a name must share its first
 * letter or its first sound with what was heard (see `soundedSimilarity`). A run's first sound
 * is read from its first few letters, so after a short word ("de", "la") the next word decides it.
 */
function cannotStartName(tokens: Token[], from: number, entry: NameEntry, tables: NameTables, ctx: MatchContext): boolean {
  if (hasCode(entry.startLetters, tokens[from]!.norm.charCodeAt(0))) return false;
  let sounds = tables.startSounds[from];
  if (sounds === undefined) {
    sounds = runFirstSounds(tokens, from, ctx.maxNamePieces);
    tables.startSounds[from] = sounds;
  }
  const runs = Math.min(sounds.length, maxPieces(entry));
  for (let k = 0; k < runs; k++) if (hasCode(entry.startSounds, sounds.charCodeAt(k))) return false;
  return true;
}

/** Whether the few letters hold the character code: asked for most words of a sentence, so without a one-letter string or a call to `includes`. */
function hasCode(letters: string, code: number): boolean {
  for (let i = 0; i < letters.length; i++) if (letters.charCodeAt(i) === code) return true;
  return false;
}

/** The name scores of one sentence for one entry, filled in row by row (one row per first word) as cues ask. */
export interface NameScores {
  /** Score of the words tokens[from, from+length) at index from*maxPieces(entry)+length-1, once row `from` is filled. */
  scores: Float64Array;
  /** Per row: not yet computed, computed with a name run in it, or computed empty (`ROW_*`). */
  rows: Uint8Array;
}

const ROW_PENDING = 0;
const ROW_FOUND = 1;
const ROW_EMPTY = 2;

/** What name matching reads of one token run, filled in as cues ask. */
export interface NameTables {
  /** One score table per configured name (by `NameEntry.index`). */
  byEntry: Array<NameScores | undefined>;
  /** Per token, the first sounds of the runs starting there (see `runFirstSounds`). */
  startSounds: Array<string | undefined>;
}

function nameTables(tokens: Token[], ctx: MatchContext): NameTables {
  // Asked at every place a name slot is tried: looked up without `cached`'s closure.
  let tables = ctx.nameScores.get(tokens);
  if (tables === undefined) {
    tables = { byEntry: [], startSounds: [] };
    ctx.nameScores.set(tokens, tables);
  }
  return tables;
}

/**
 * The scores of `entry` for the word runs starting at token `from`, or null when none of them is
 * the name. A row is computed when a cue first asks for it: a name slot after words ("de la part
 * de {brand}") asks only where they end.
 */
function nameScoresFrom(tokens: Token[], tables: NameTables, entry: NameEntry, from: number, ctx: MatchContext): Float64Array | null {
  const maxLength = maxPieces(entry);
  let table = tables.byEntry[entry.index];
  if (table === undefined) {
    table = { scores: scratchFloats(ctx.scratch, tokens.length * maxLength), rows: scratchBytes(ctx.scratch, tokens.length) };
    tables.byEntry[entry.index] = table;
  }
  const row = table.rows[from];
  if (row !== ROW_PENDING) return row === ROW_FOUND ? table.scores : null;
  table.rows[from] = ROW_EMPTY;
  if (cannotStartName(tokens, from, entry, tables, ctx)) return null;
  const runScores = cached(ctx.runScores, entry, () => new Map<string, number>());
  let plain = "";
  for (let length = 1; length <= maxLength && from + length <= tokens.length; length++) {
    plain += tokens[from + length - 1]!.norm;
    let score = runScores.get(plain);
    if (score === undefined) {
      score = runScore(plain, entry, ctx);
      runScores.set(plain, score);
    }
    table.scores[from * maxLength + length - 1] = score;
    if (score > 0) table.rows[from] = ROW_FOUND;
  }
  return table.rows[from] === ROW_FOUND ? table.scores : null;
}

/** How close a heard word run (its words joined) is to the name, or 0 when under the name threshold. */
function runScore(plain: string, entry: NameEntry, ctx: MatchContext): number {
  if (entry.acronyms.includes(plain)) return 1;
  // The whole sound key is computed only for a run that could pass the cheap tests of
  // `soundedSimilarity`, and its first sound only where the first letters differ.
  let first = "";
  const heard = { plain, sound: "" };
  let score = 0;
  for (const form of entry.forms) {
    if (score === 1 || !mayReachFloor(plain, form, ctx.minNameSimilarity)) continue;
    if (first === "" && plain[0] !== form.plain[0]) first = firstSound(plain);
    if (!mayBeSimilar(plain, first, form)) continue;
    if (heard.sound === "") heard.sound = soundOf(plain, ctx);
    // A form is compared only as far as it could beat the best so far.
    score = Math.max(score, soundedSimilarity(heard, form, Math.max(ctx.minNameSimilarity, score)));
  }
  return score >= ctx.minNameSimilarity ? score : 0;
}

function wordMatches(part: Extract<PatternPart, { kind: "word" }>, token: Token): boolean {
  if (token.inName) return false;
  // Most cue words are one word: a key compared, then the stem where the keys are equal.
  if (part.soleStemKey >= 0) return part.soleStemKey === token.key && token.stem === part.alternatives[0]!.stem;
  const lookup = part.lookup;
  if (lookup) {
    if (lookup.anyWord || lookup.stems.has(token.stem)) return true;
    const prefixes = lookup.prefixesByFirstLetter.get(token.norm[0]!);
    if (prefixes) for (const prefix of prefixes) if (token.norm.startsWith(prefix)) return true;
    return false;
  }
  for (const alt of part.alternatives) {
    if (alt.prefix !== undefined ? token.norm.startsWith(alt.prefix) : alt.key === token.key && token.stem === alt.stem) return true;
  }
  return false;
}

interface Completion {
  end: number;
  score: number;
}

function better(current: Completion | null, rest: Completion | null, factor: number): Completion | null {
  if (!rest || (current && rest.score * factor <= current.score)) return current;
  return { end: rest.end, score: rest.score * factor };
}

/** Best completion of `parts[partIndex..]` starting at token `at`: the end token and score, or null. */
function matchFrom(parts: PatternPart[], partIndex: number, tokens: Token[], at: number, ctx: MatchContext): Completion | null {
  if (partIndex === parts.length) return { end: at, score: 1 };
  const part = parts[partIndex]!;
  const next = partIndex + 1;
  let best: Completion | null = null;
  // A soft filler inside the words of a cue ("say no to, like, any more calls") is stepped over;
  // a gap counts it as a word, and the cue may still match it as a word of its own.
  if (partIndex > 0 && part.kind !== "gap" && tokens[at]?.soft) best = better(best, matchFrom(parts, partIndex, tokens, at + 1, ctx), 1);
  if (part.kind === "word") {
    if (at < tokens.length && wordMatches(part, tokens[at]!)) best = better(best, matchFrom(parts, next, tokens, at + 1, ctx), 1);
    if (part.optional) best = better(best, matchFrom(parts, next, tokens, at, ctx), 1);
  } else if (part.kind === "gap") {
    for (let skip = 0; skip <= part.max && at + skip <= tokens.length; skip++) {
      // A gap does not stop on a soft filler: "switch ..you" must not take the "you" of "switch the, you know, recording".
      if (skip > 0 && tokens[at + skip]?.soft) continue;
      best = better(best, matchFrom(parts, next, tokens, at + skip, ctx), 1);
    }
  } else if (part.slot === "number") {
    const token = tokens[at];
    if (token && (/^\d+$/.test(token.norm) || ctx.numberWords.has(token.norm))) best = better(best, matchFrom(parts, next, tokens, at + 1, ctx), 1);
  } else if (at < tokens.length) {
    const tables = nameTables(tokens, ctx);
    for (const entry of ctx.names[part.slot]) {
      const scores = nameScoresFrom(tokens, tables, entry, at, ctx);
      if (scores === null) continue;
      const maxLength = maxPieces(entry);
      for (let length = 1; length <= maxLength && at + length <= tokens.length; length++) {
        const score = scores[at * maxLength + length - 1]!;
        if (score > 0) best = better(best, matchFrom(parts, next, tokens, at + length, ctx), score);
      }
    }
  }
  return best;
}

/**
 * The pattern's variant begins with a word it needs, and the token is not that word: most starts
 * fail here, before any matching, and most of those on the first word's key alone.
 */
function cannotStartAt(pattern: CompiledPattern, variant: number, token: Token): boolean {
  const key = pattern.firstKeys[variant]!;
  if (key >= 0) return key !== token.key;
  const first = pattern.variants[variant]![0]!;
  return first.kind === "word" && !first.optional && !wordMatches(first, token);
}

/**
 * Every place the pattern matches (its best-scoring variant at each start), in token order.
 * `wordsChecked`: the caller has already checked that the tokens hold its required words.
 */
export function matchPatternAll(pattern: CompiledPattern, tokens: Token[], ctx: MatchContext, wordsChecked = false): PatternMatch[] {
  const found: PatternMatch[] = [];
  if (!wordsChecked && !mayMatch(pattern, tokens, ctx)) return found;
  const variants = pattern.variants;
  for (let start = 0; start < tokens.length; start++) {
    let best: PatternMatch | null = null;
    for (let v = 0; v < variants.length; v++) {
      if (cannotStartAt(pattern, v, tokens[start]!)) continue;
      const m = matchFrom(variants[v]!, 0, tokens, start, ctx);
      if (m && m.end > start && (!best || m.score > best.score)) best = { startToken: start, endToken: m.end, score: m.score };
    }
    if (best) found.push(best);
  }
  return found;
}

/** The first place the pattern matches exactly, else its best fuzzy match, or null (`wordsChecked` as for `matchPatternAll`). */
export function matchPattern(pattern: CompiledPattern, tokens: Token[], ctx: MatchContext, wordsChecked = false): PatternMatch | null {
  if (!wordsChecked && !mayMatch(pattern, tokens, ctx)) return null;
  let best: PatternMatch | null = null;
  const variants = pattern.variants;
  for (let start = 0; start < tokens.length; start++) {
    for (let v = 0; v < variants.length; v++) {
      if (cannotStartAt(pattern, v, tokens[start]!)) continue;
      const m = matchFrom(variants[v]!, 0, tokens, start, ctx);
      if (m && m.end > start && (!best || m.score > best.score)) {
        best = { startToken: start, endToken: m.end, score: m.score };
        if (m.score === 1) return best;
      }
    }
  }
  return best;
}

/** Words between [from, to) that are not soft fillers: "opt out of the, you know, recording" is as near as without it. */
function wordsBetween(tokens: Token[], from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (!tokens[i]!.soft) n++;
  return n;
}

/** Word distance between a match and a span (0 when they overlap), soft fillers not counted. */
function distance(m: PatternMatch, start: number, end: number, tokens: Token[]): number {
  if (m.endToken <= start) return wordsBetween(tokens, m.endToken, start) + 1;
  if (m.startToken >= end) return wordsBetween(tokens, end, m.startToken) + 1;
  return 0;
}

/**
 * The cue in `tokens`. When they are a window of a longer sentence, `sentence` is that sentence
 * and `offset` where the window starts in it: a local exclusion (`notNear`) is looked for in the
 * whole sentence, since the window's edge may fall between the cue and the words that rule it out.
 * `wordsChecked`: the caller has already checked that the tokens hold the cue's required words
 * (`cueMayMatch`, as a sentence's cue screen does); its `all` patterns then skip their own check.
 */
export function matchCue(cue: CompiledCue, tokens: Token[], ctx: MatchContext, sentence?: { tokens: Token[]; offset: number }, wordsChecked = false): CueMatch | null {
  if (cue.onlyWithoutNames && ctx.names.org.length > 0) return null;
  const anchor = cue.all[0];
  if (!anchor || (!wordsChecked && !cueMayMatch(cue, tokens, ctx))) return null;
  const first = matchPattern(anchor, tokens, ctx, true);
  if (!first) return null;
  const found = completeCue(cue, first, tokens, ctx, sentence);
  if (found !== undefined || cue.notNear.length === 0) return found ?? null;
  // A local exclusion rules out the place it touches, not the sentence: "if you'd rather not be
  // recorded, say so; this call is recorded" still gives the notice at its second "recorded".
  for (const m of matchPatternAll(anchor, tokens, ctx, true)) {
    if (m.startToken === first.startToken) continue;
    const again = completeCue(cue, m, tokens, ctx, sentence);
    if (again !== undefined) return again;
  }
  return null;
}

/**
 * The cue matched around one place of its first `all` pattern: null when the sentence cannot
 * match at all (another pattern is absent, or a `none` pattern is present), undefined when only
 * a `notNear` pattern rules out this place.
 */
function completeCue(
  cue: CompiledCue,
  anchor: PatternMatch,
  tokens: Token[],
  ctx: MatchContext,
  sentence: { tokens: Token[]; offset: number } = { tokens, offset: 0 },
): CueMatch | null | undefined {
  let start = anchor.startToken;
  let end = anchor.endToken;
  let score = anchor.score;
  // The evidence names the patterns that matched, not the whole cue with its alternatives.
  let matched = cue.all[0]!.source;
  for (let p = 1; p < cue.all.length; p++) {
    const pattern = cue.all[p]!;
    const m = matchPattern(pattern, tokens, ctx, true);
    if (!m) return null;
    start = Math.min(start, m.startToken);
    end = Math.max(end, m.endToken);
    score = Math.min(score, m.score);
    matched += ` + ${pattern.source}`;
  }
  if (cue.any.length > 0) {
    // The context word that counts is the one nearest the cue's core, not the first in the sentence.
    let nearest: { pattern: CompiledPattern; m: PatternMatch; d: number } | null = null;
    // None is nearer than one that overlaps the core: the first such is taken without reading on.
    for (let p = 0; p < cue.any.length && nearest?.d !== 0; p++) {
      const pattern = cue.any[p]!;
      for (const m of matchPatternAll(pattern, tokens, ctx)) {
        const d = distance(m, start, end, tokens);
        if (!nearest || d < nearest.d) nearest = { pattern, m, d };
      }
    }
    if (!nearest) return null;
    start = Math.min(start, nearest.m.startToken);
    end = Math.max(end, nearest.m.endToken);
    score = Math.min(score, nearest.m.score);
    matched += ` + ${nearest.pattern.source}`;
  }
  for (const pattern of cue.none) if (matchPattern(pattern, tokens, ctx)) return null;
  for (const pattern of cue.notNear) {
    for (const m of matchPatternAll(pattern, sentence.tokens, ctx)) if (distance(m, start + sentence.offset, end + sentence.offset, sentence.tokens) <= 1) return undefined;
  }
  return { startToken: start, endToken: end, score, cue: matched };
}

/**
 * The first window of the sentence where the cue matches, with token positions in the whole
 * sentence. `wordsChecked`: the caller has already checked that the sentence holds the cue's
 * required words, which tells nothing of a window of it.
 */
export function matchCueInSentence(cue: CompiledCue, sentence: Sentence, ctx: MatchContext, wordsChecked = false): CueMatch | null {
  const whole = sentence.windows.length === 1;
  for (const window of sentence.windows) {
    const m = matchCue(cue, window.tokens, ctx, whole ? undefined : { tokens: sentence.tokens, offset: window.offset }, wordsChecked && whole);
    if (m) return { ...m, startToken: m.startToken + window.offset, endToken: m.endToken + window.offset };
  }
  return null;
}
