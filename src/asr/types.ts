import type { Language } from "../transcript/types.ts";

/** One decoded token: its probability and its time in seconds from the start of the audio given. */
export interface AsrToken {
  text: string;
  p: number;
  start: number;
  end: number;
}

/** A stretch of text as whisper segmented it, times in seconds from the start of the audio given. */
export interface AsrSegment {
  start: number;
  end: number;
  text: string;
  /** Text tokens only (timestamps and other special tokens removed). */
  tokens: AsrToken[];
}

export interface AsrResult {
  segments: AsrSegment[];
  /** The language whisper decoded in (detected when asked for "auto"). */
  language: string | undefined;
}

/** What is known of a call before hearing it, to steer the decoding. */
export interface AsrHints {
  /**
   * Names likely to be said (brands, call centres, data sources), given to whisper as its
   * initial prompt: it then spells them as written instead of as ordinary words.
   */
  vocabulary?: readonly string[];
}

/** A loaded Whisper model. Calls are queued: on a small machine concurrent runs only slow each other. */
export interface AsrEngine {
  /** The model file's name, reported with every analysis of audio. */
  readonly model: string;
  transcribe(samples16k: Float32Array, language: Language | "auto", hints?: AsrHints): Promise<AsrResult>;
  free(): Promise<void>;
}
