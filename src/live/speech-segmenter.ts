import { ASR_SAMPLE_RATE } from "../audio/resample.ts";
import type { VadOptions } from "../audio/types.ts";
import { detectSpeech } from "../audio/vad.ts";

export interface SegmenterOptions {
  /** Audio kept before the open utterance, for the detector's background-noise estimate (s). */
  contextSec: number;
  /** Silence after a voice region (beyond the detector's own padding) that ends the utterance (s). */
  endPauseSec: number;
  /**
   * An utterance longer than this is cut at its last short pause (see splitPauseSec) without
   * waiting for the speaker to stop: long windows make whisper slow and prone to repeating itself.
   */
  longUtteranceSec: number;
  /** Pauses this long (s) are where a long utterance may be cut. */
  splitPauseSec: number;
  /** An utterance with no pause at all is cut here, wherever it is (s). */
  maxUtteranceSec: number;
  /** How much new audio arrives between two runs of the detector (s). */
  checkEverySec: number;
  vad: Partial<VadOptions>;
}

export const DEFAULT_SEGMENTER_OPTIONS: Readonly<SegmenterOptions> = {
  contextSec: 3,
  endPauseSec: 0.1,
  longUtteranceSec: 8,
  splitPauseSec: 0.2,
  maxUtteranceSec: 20,
  checkEverySec: 0.2,
  vad: {},
};

const RELEASED_TOLERANCE_SEC = 0.05;

/** One utterance of one speaker, cut at its pauses: times from the start of the call (s) and its 16 kHz samples. */
export interface SpeechSegment {
  start: number;
  end: number;
  samples: Float32Array;
}

/**
 * Cuts one speaker's live 16 kHz audio into utterances as it arrives: the batch voice detector
 * (src/audio/vad.ts) runs over the audio since the last utterance plus some context, and an
 * utterance is released once its speaker has paused. Audio before the cursor is dropped, so
 * memory stays bounded however long the call.
 */
export class SpeechSegmenter {
  readonly #options: SegmenterOptions;
  #buffer = new Float32Array(ASR_SAMPLE_RATE * 8);
  #length = 0;
  /** Call time of #buffer[0]. */
  #bufferStartSec = 0;
  /** Everything before this call time has been released or judged silent. */
  #cursorSec = 0;
  #unchecked = 0;

  constructor(options: Partial<SegmenterOptions> = {}) {
    this.#options = { ...DEFAULT_SEGMENTER_OPTIONS, ...options };
  }

  get endSec(): number {
    return this.#bufferStartSec + this.#length / ASR_SAMPLE_RATE;
  }

  push(samples: Float32Array): SpeechSegment[] {
    this.#append(samples);
    this.#unchecked += samples.length;
    if (this.#unchecked < this.#options.checkEverySec * ASR_SAMPLE_RATE) return [];
    this.#unchecked = 0;
    return this.#cut(false);
  }

  /** The end of the call: whatever voice is left becomes the last utterance. */
  flush(): SpeechSegment[] {
    return this.#cut(true);
  }

  #cut(atEnd: boolean): SpeechSegment[] {
    const segments: SpeechSegment[] = [];
    const endSec = this.endSec;
    const regions = detectSpeech(this.#buffer.subarray(0, this.#length), this.#options.vad).map((r) => ({
      start: Math.max(r.start + this.#bufferStartSec, this.#cursorSec),
      end: r.end + this.#bufferStartSec,
    }));
    let open = false;
    for (const region of regions) {
      // The tail of an utterance already released (times shift by rounding as the buffer is trimmed).
      if (region.end - region.start < RELEASED_TOLERANCE_SEC) continue;
      const paused = endSec - region.end >= this.#options.endPauseSec;
      if (paused || atEnd) {
        segments.push(this.#segment(region.start, region.end));
        this.#cursorSec = region.end;
      } else if (endSec - region.start >= this.#options.longUtteranceSec && this.#splitAtPause(region.start, endSec, segments)) {
        open = true;
        break;
      } else if (endSec - region.start >= this.#options.maxUtteranceSec) {
        segments.push(this.#segment(region.start, endSec));
        this.#cursorSec = endSec;
      } else {
        open = true;
        break;
      }
    }
    // Silence is settled up to a second back: a voice onset is extended backwards by the detector.
    if (!open) this.#cursorSec = Math.max(this.#cursorSec, endSec - 1);
    this.#trim();
    return segments;
  }

  /** Releases the open utterance up to its last short pause, if it has one; the rest stays open. */
  #splitAtPause(start: number, endSec: number, out: SpeechSegment[]): boolean {
    const from = Math.round((start - this.#bufferStartSec) * ASR_SAMPLE_RATE);
    const parts = detectSpeech(this.#buffer.subarray(from, this.#length), {
      ...this.#options.vad,
      minSilenceSec: this.#options.splitPauseSec,
      padSec: this.#options.splitPauseSec / 4,
    });
    if (parts.length < 2) return false;
    const cut = start + parts.at(-2)!.end;
    out.push(this.#segment(start, cut));
    this.#cursorSec = cut;
    return true;
  }

  #segment(start: number, end: number): SpeechSegment {
    const from = Math.max(0, Math.round((start - this.#bufferStartSec) * ASR_SAMPLE_RATE));
    const to = Math.min(this.#length, Math.round((end - this.#bufferStartSec) * ASR_SAMPLE_RATE));
    return { start, end, samples: this.#buffer.slice(from, to) };
  }

  #append(samples: Float32Array): void {
    if (this.#length + samples.length > this.#buffer.length) {
      const grown = new Float32Array(Math.max(this.#buffer.length * 2, this.#length + samples.length));
      grown.set(this.#buffer.subarray(0, this.#length));
      this.#buffer = grown;
    }
    this.#buffer.set(samples, this.#length);
    this.#length += samples.length;
  }

  #trim(): void {
    const keepFromSec = this.#cursorSec - this.#options.contextSec;
    const drop = Math.floor((keepFromSec - this.#bufferStartSec) * ASR_SAMPLE_RATE);
    if (drop <= 0) return;
    this.#buffer.copyWithin(0, drop, this.#length);
    this.#length -= drop;
    this.#bufferStartSec += drop / ASR_SAMPLE_RATE;
  }
}
