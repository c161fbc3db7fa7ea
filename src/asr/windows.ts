import type { SpeechRegion } from "../audio/types.ts";

/** A stretch of a channel placed in a window: source times and where it starts in the window, seconds. */
export interface WindowPiece {
  /** Index of the speech region the stretch belongs to (a long region spans several pieces). */
  region: number;
  sourceStart: number;
  sourceEnd: number;
  windowStart: number;
}

/** Audio for one whisper call: speech pieces laid end to end with a short pause between them. */
export interface AsrWindow {
  pieces: WindowPiece[];
  durationSec: number;
}

export interface WindowPlan {
  /** Whisper's window is 30 s; staying below it keeps whisper from cutting the last words. */
  maxWindowSec: number;
  /** Silence put between pieces so that whisper hears the turn boundary. */
  gapSec: number;
}

export const DEFAULT_WINDOW_PLAN: Readonly<WindowPlan> = { maxWindowSec: 28, gapSec: 1 };

/** Splits regions longer than a window into equal parts no longer than one. */
function pieces(regions: SpeechRegion[], maxSec: number): Omit<WindowPiece, "windowStart">[] {
  return regions.flatMap((r, region) => {
    const parts = Math.ceil((r.end - r.start) / maxSec);
    const length = (r.end - r.start) / parts;
    return Array.from({ length: parts }, (_, i) => ({
      region,
      sourceStart: r.start + i * length,
      sourceEnd: i === parts - 1 ? r.end : r.start + (i + 1) * length,
    }));
  });
}

/**
 * Packs a channel's speech regions, in order, into as few windows as possible: each whisper call
 * costs a full 30 s window whatever its length, so a call's cost then follows its speech, not
 * its number of utterances, and silence (where whisper invents text) is never transcribed.
 */
export function planWindows(regions: SpeechRegion[], plan: WindowPlan = DEFAULT_WINDOW_PLAN): AsrWindow[] {
  const windows: AsrWindow[] = [];
  let current: AsrWindow | null = null;
  for (const piece of pieces(regions, plan.maxWindowSec)) {
    const length = piece.sourceEnd - piece.sourceStart;
    const start: number = current ? current.durationSec + plan.gapSec : 0;
    if (!current || start + length > plan.maxWindowSec) {
      current = { pieces: [], durationSec: 0 };
      windows.push(current);
    }
    const windowStart = current.pieces.length === 0 ? 0 : current.durationSec + plan.gapSec;
    current.pieces.push({ ...piece, windowStart });
    current.durationSec = windowStart + length;
  }
  return windows;
}

/** The window's samples: each piece copied from the channel, zeros between them. */
export function windowSamples(channel: Float32Array, window: AsrWindow, sampleRate: number): Float32Array {
  const out = new Float32Array(Math.ceil(window.durationSec * sampleRate));
  for (const piece of window.pieces) {
    const from = Math.max(0, Math.round(piece.sourceStart * sampleRate));
    const to = Math.min(channel.length, Math.round(piece.sourceEnd * sampleRate));
    out.set(channel.subarray(from, to), Math.round(piece.windowStart * sampleRate));
  }
  return out;
}
