import type { HeardPiece } from "./hallucinations.ts";
import type { AsrResult, AsrSegment } from "./types.ts";
import type { AsrWindow } from "./windows.ts";

/** What was heard in one window, sorted by the speech region it came from. */
export type RegionPieces = Map<number, HeardPiece[]>;

/** A sentence of a segment with its time in the window (seconds). */
export interface HeardSentence extends HeardPiece {
  start: number;
  end: number;
}

/** Cost, in seconds of misplacement, of leaving a piece of detected speech without any text. */
export const EMPTY_PIECE_COST = 1;

const SENTENCE = /[^.?!…]+(?:[.?!…]+|$)/g;
const ENDS_SENTENCE = /[.?!…]\s*$/;

/**
 * A segment cut into sentences. Times come from the tokens when they split the same way, else
 * from each sentence's share of the segment's characters.
 */
export function sentencesOf(segment: AsrSegment): HeardSentence[] {
  const texts = (segment.text.match(SENTENCE) ?? []).map((t) => t.trim()).filter(Boolean);
  if (texts.length <= 1) return texts.map((text) => ({ text, start: segment.start, end: segment.end, probabilities: segment.tokens.map((t) => t.p) }));
  const groups: AsrSegment["tokens"][] = [[]];
  for (const token of segment.tokens) {
    groups[groups.length - 1]!.push(token);
    if (ENDS_SENTENCE.test(token.text)) groups.push([]);
  }
  const tokenGroups = groups.filter((g) => g.length > 0);
  if (tokenGroups.length === texts.length) {
    return texts.map((text, i) => {
      const tokens = tokenGroups[i]!;
      return { text, start: tokens[0]!.start, end: tokens[tokens.length - 1]!.end, probabilities: tokens.map((t) => t.p) };
    });
  }
  const total = texts.reduce((n, t) => n + t.length, 0);
  let at = segment.start;
  return texts.map((text) => {
    const start = at;
    at += ((segment.end - segment.start) * text.length) / total;
    return { text, start, end: at, probabilities: segment.tokens.map((t) => t.p) };
  });
}

function distanceToPiece(sentence: HeardSentence, window: AsrWindow, piece: number): number {
  const p = window.pieces[piece]!;
  const mid = (sentence.start + sentence.end) / 2;
  const end = p.windowStart + (p.sourceEnd - p.sourceStart);
  return mid < p.windowStart ? p.windowStart - mid : mid > end ? mid - end : 0;
}

/**
 * The piece each sentence was spoken in. Whisper's times drift by up to a second around the
 * pauses between pieces (without DTW alignment), so times alone misplace short turns. Sentences
 * and pieces are both in order, and every piece holds detected speech: the assignment is the
 * monotonic one that best fits the times while leaving as few pieces silent as possible.
 */
export function alignSentences(sentences: HeardSentence[], window: AsrWindow, emptyPieceCost = EMPTY_PIECE_COST): number[] {
  const n = sentences.length;
  const m = window.pieces.length;
  if (n === 0) return [];
  // cost[i][j]: best cost of sentences 0..i with sentence i in piece j; from[i][j]: the piece of sentence i-1.
  const cost: number[][] = [];
  const from: number[][] = [];
  for (let i = 0; i < n; i++) {
    cost.push(new Array<number>(m).fill(Infinity));
    from.push(new Array<number>(m).fill(-1));
    for (let j = 0; j < m; j++) {
      const here = distanceToPiece(sentences[i]!, window, j);
      if (i === 0) {
        cost[0]![j] = here + emptyPieceCost * j;
        continue;
      }
      for (let k = 0; k <= j; k++) {
        const c = cost[i - 1]![k]! + here + emptyPieceCost * Math.max(0, j - k - 1);
        if (c < cost[i]![j]!) {
          cost[i]![j] = c;
          from[i]![j] = k;
        }
      }
    }
  }
  let best = 0;
  for (let j = 1; j < m; j++) {
    if (cost[n - 1]![j]! + emptyPieceCost * (m - 1 - j) < cost[n - 1]![best]! + emptyPieceCost * (m - 1 - best)) best = j;
  }
  const assignment = new Array<number>(n);
  for (let i = n - 1, j = best; i >= 0; j = from[i]![j]!, i--) assignment[i] = j;
  return assignment;
}

/** Gives the text heard in a window to the speech regions its pieces came from. */
export function piecesByRegion(window: AsrWindow, result: AsrResult): RegionPieces {
  const sentences = result.segments.flatMap(sentencesOf);
  const into: RegionPieces = new Map();
  alignSentences(sentences, window).forEach((piece, i) => {
    const region = window.pieces[piece]!.region;
    const { text, probabilities } = sentences[i]!;
    const list = into.get(region);
    if (list) list.push({ text, probabilities });
    else into.set(region, [{ text, probabilities }]);
  });
  return into;
}
