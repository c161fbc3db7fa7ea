import type { CompiledCue, CompiledPattern, WordAlternative } from "./cues.ts";

/**
 * Which of a lexicon's cues may hold in a sentence, read off the sentence's words in one pass
 * instead of asking each of several hundred cues in turn. Every cue has key words (`keyWords`):
 * it cannot match a sentence that has none of them. Most sentences hold the key words of a few
 * dozen cues at most, and only those are matched.
 */
export interface CueScreenIndex {
  /** Number of screened cues: a cue's `screenSlot` is its place in the screen. */
  size: number;
  /** Slots by the key of a key word (see word-keys.ts). */
  byKey: ReadonlyMap<number, readonly number[]>;
  /** Cues without key words (a name alone, "{brand}"): always candidates. */
  always: readonly number[];
}

/** 1 where the cue in that slot may hold in the sentence, 0 where it cannot. */
export type CueScreen = Uint8Array;

/** How rarely a required word is likely to occur: short words ("de", "you", "vous") are everywhere. */
function rarity(word: WordAlternative[]): number {
  return Math.min(...word.map((alt) => (alt.prefix ?? alt.stem ?? "").length)) - word.length / 100;
}

/**
 * Words a match of the pattern must contain one of, or null when some variant needs no word
 * (a name slot alone). Per variant, its rarest-looking required word.
 */
function patternKeyWords(pattern: CompiledPattern): WordAlternative[] | null {
  const keys: WordAlternative[] = [];
  for (const required of pattern.required) {
    if (required.length === 0) return null;
    keys.push(...required.reduce((rarest, word) => (rarity(word) > rarity(rarest) ? word : rarest)));
  }
  return keys;
}

/** The key words of the cue: those of whichever `all` pattern has the fewest (every one must match). */
export function keyWords(cue: Pick<CompiledCue, "all">): WordAlternative[] | null {
  let best: WordAlternative[] | null = null;
  for (const pattern of cue.all) {
    const keys = patternKeyWords(pattern);
    if (keys && (!best || keys.length < best.length)) best = keys;
  }
  return best;
}

function add(map: Map<number, number[]>, key: number, slot: number): void {
  const slots = map.get(key);
  if (slots) slots.push(slot);
  else map.set(key, [slot]);
}

/** The index of cues whose `screenSlot` is their position in `cues`. */
export function buildCueScreenIndex(cues: readonly CompiledCue[]): CueScreenIndex {
  const byKey = new Map<number, number[]>();
  const always: number[] = [];
  cues.forEach((cue, slot) => {
    if (!cue.keyWords) always.push(slot);
    else for (const word of cue.keyWords) add(byKey, word.key, slot);
  });
  return { size: cues.length, byKey, always };
}

/** The words of a sentence as the screen reads them: the keys of its stems and of every prefix of its words ("" included). */
export interface ScreenedWords {
  keys: ReadonlySet<number>;
}

export function screenWords(words: ScreenedWords, index: CueScreenIndex): CueScreen {
  const screen = new Uint8Array(index.size);
  for (const slot of index.always) screen[slot] = 1;
  for (const key of words.keys) {
    const slots = index.byKey.get(key);
    if (slots) for (const slot of slots) screen[slot] = 1;
  }
  return screen;
}

/** False only when the screen rules the cue out; cues from outside the screened lexicon are never ruled out. */
export function mayHold(cue: CompiledCue, screen: CueScreen | null): boolean {
  return screen === null || cue.screenSlot === undefined || screen[cue.screenSlot] === 1;
}
