import type { CompiledCue, CompiledPattern, WordAlternative } from "./cues.ts";
import { scratchBytes, type ScratchArena } from "./scratch.ts";
import { BUCKETS, bucketOf, mayHoldAt, mayHoldIn, rarity, type WordKeys } from "./word-keys.ts";

/**
 * Which of a lexicon's cues may hold in a sentence, read off the sentence's words in one pass
 * instead of asking each of several hundred cues in turn. Every cue has key words (`keyWords`):
 * it cannot match a sentence that has none of them. Most sentences hold the key words of a few
 * dozen cues at most; those are then checked for all their required words, and only the few
 * that have them are matched.
 */
export interface CueScreenIndex {
  /** Number of screened cues: a cue's `screenSlot` is its place in the screen. */
  size: number;
  /**
   * Slots by the bucket of a key word's key (see word-keys.ts), flat: those of bucket b are
   * `slots[firstOfBucket[b]]` up to `slots[firstOfBucket[b + 1]]`, read without a map lookup,
   * and `slotKeys` holds, at the same place, the key word's whole key.
   */
  firstOfBucket: Int32Array;
  slots: Int32Array;
  slotKeys: Int32Array;
  /** Cues without key words (a name alone, "{brand}"): always candidates. */
  always: readonly number[];
  /** The screened cues by slot: a candidate is then checked for all its required words. */
  cues: readonly CompiledCue[];
  /**
   * Those required words, laid end to end by slot for the check to read from one array, not from
   * each cue's patterns: a slot's checks run from `requirementsAt[slot]` to `requirementsAt[slot + 1]`,
   * each its length then its requirement (each `all` pattern's, then the `any` patterns' together).
   */
  requirements: Int32Array;
  requirementsAt: Int32Array;
  /**
   * The lexicon's cue lists (an element's cues, the hard pitch...), each holding the slots from
   * its first cue's on, in order: a search of one reads only the sentence's candidates in that
   * range of the screen's marks instead of asking each of its cues (see `nextCandidate`).
   */
  lists: WeakSet<readonly CompiledCue[]>;
}

/**
 * A sentence's screen: per slot, whether the cue there has a key word in the sentence, and once a
 * search asks about it, whether it has all its required words. Most candidates are never asked
 * about (a customer's sentence is not searched for disclosures): the second check waits.
 */
export interface CueScreen {
  marks: Uint8Array;
  words: WordKeys;
  index: CueScreenIndex;
}

const NO_KEY_WORD = 0;
const CANDIDATE = 1;
const MAY_HOLD = 2;
const RULED_OUT = 3;

/** False when one of the cue's `all` patterns, or all of its `any` patterns, lack a required word in `keys` (and `more`, see `mayHoldIn`). */
export function cueMayHold(cue: Pick<CompiledCue, "all" | "anyRequirement">, keys: WordKeys, more?: WordKeys): boolean {
  for (const pattern of cue.all) if (!mayHoldIn(pattern.requirement, keys, more)) return false;
  return cue.anyRequirement === null || mayHoldIn(cue.anyRequirement, keys, more);
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

/** True when the list holds the screen's cues of consecutive slots, in slot order. */
function isSlotRange(list: readonly CompiledCue[], cues: readonly CompiledCue[]): boolean {
  const first = list[0]?.screenSlot;
  return first !== undefined && list.every((cue, i) => cues[first + i] === cue);
}

/** The index of cues whose `screenSlot` is their position in `cues`, and of the lexicon's `lists` of them. */
export function buildCueScreenIndex(cues: readonly CompiledCue[], lists: ReadonlyArray<readonly CompiledCue[]> = []): CueScreenIndex {
  const byBucket: Array<Array<{ slot: number; key: number }>> = Array.from({ length: BUCKETS }, () => []);
  const always: number[] = [];
  cues.forEach((cue, slot) => {
    if (!cue.keyWords) always.push(slot);
    else for (const word of cue.keyWords) byBucket[bucketOf(word.key)]!.push({ slot, key: word.key });
  });
  const firstOfBucket = new Int32Array(BUCKETS + 1);
  byBucket.forEach((entries, bucket) => (firstOfBucket[bucket + 1] = firstOfBucket[bucket]! + entries.length));
  const entries = byBucket.flat();
  const slots = Int32Array.from(entries, (e) => e.slot);
  const slotKeys = Int32Array.from(entries, (e) => e.key);
  const requirementsAt = new Int32Array(cues.length + 1);
  const laid: number[] = [];
  cues.forEach((cue, slot) => {
    for (const requirement of [...cue.all.map((p) => p.requirement), ...(cue.anyRequirement ? [cue.anyRequirement] : [])]) laid.push(requirement.length, ...requirement);
    requirementsAt[slot + 1] = laid.length;
  });
  const requirements = Int32Array.from(laid);
  return { size: cues.length, firstOfBucket, slots, slotKeys, always, cues, requirements, requirementsAt, lists: new WeakSet(lists.filter((list) => isSlotRange(list, cues))) };
}

/** `cueMayHold` of the cue in the slot, read from the index's requirements. */
function slotMayHold(index: CueScreenIndex, slot: number, keys: WordKeys): boolean {
  const requirements = index.requirements;
  const end = index.requirementsAt[slot + 1]!;
  for (let at = index.requirementsAt[slot]!; at < end; at += 1 + requirements[at]!) if (!mayHoldAt(requirements, at + 1, keys)) return false;
  return true;
}

/** The words of a sentence (the keys of its stems and of every prefix of its words, "" included) screened. */
export function screenWords(words: WordKeys, index: CueScreenIndex, arena: ScratchArena): CueScreen {
  const marks = scratchBytes(arena, index.size);
  for (const slot of index.always) marks[slot] = CANDIDATE;
  const { firstOfBucket, slots, slotKeys } = index;
  for (const key of words.keys) {
    const bucket = bucketOf(key);
    for (let at = firstOfBucket[bucket]!, end = firstOfBucket[bucket + 1]!; at < end; at++) if (slotKeys[at] === key) marks[slots[at]!] = CANDIDATE;
  }
  return { marks, words, index };
}

/**
 * The first slot in [from, to) whose cue has a key word in the sentence, or `to`: a scan of the
 * screen's marks, much cheaper than asking each cue object in turn.
 */
export function nextCandidate(screen: CueScreen, from: number, to: number): number {
  const marks = screen.marks;
  let slot = from;
  while (slot < to && marks[slot] === NO_KEY_WORD) slot++;
  return slot;
}

/** The first slot of `cues` when it is one of the index's lists (see `CueScreenIndex.lists`), else undefined. */
export function firstSlotOfList(cues: readonly CompiledCue[], index: CueScreenIndex | null): number | undefined {
  return index !== null && index.lists.has(cues) ? cues[0]!.screenSlot : undefined;
}

/** True when the screen's sentence has one of the cue's key words, or the cue has none, or is not of the screened lexicon. */
export function hasKeyWord(cue: CompiledCue, screen: CueScreen): boolean {
  return cue.screenSlot === undefined || screen.marks[cue.screenSlot] !== NO_KEY_WORD;
}

/** False only when the screen rules the cue out; cues from outside the screened lexicon are never ruled out. */
export function mayHold(cue: CompiledCue, screen: CueScreen | null): boolean {
  if (screen === null || cue.screenSlot === undefined) return true;
  const mark = screen.marks[cue.screenSlot];
  if (mark === NO_KEY_WORD || mark === RULED_OUT) return false;
  if (mark === MAY_HOLD) return true;
  const may = slotMayHold(screen.index, cue.screenSlot, screen.words);
  screen.marks[cue.screenSlot] = may ? MAY_HOLD : RULED_OUT;
  return may;
}
