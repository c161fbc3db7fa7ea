import type { Language } from "../transcript/types.ts";

/** What the recognizer made of one utterance's audio. */
export interface HeardText {
  text: string;
  /** Mean token probability, 0..1, when the recognizer gives one. */
  confidence?: number;
  /** The language it heard, when it detected one. */
  language?: Language;
}

/**
 * Transcribes one short utterance (16 kHz mono float32). The process owns one model and passes
 * it to every session; implementations serialize or schedule the work across sessions.
 */
export interface UtteranceTranscriber {
  /** `urgent` work (the agent's utterances, which hints wait on) goes ahead of the rest. */
  transcribe(samples16k: Float32Array, language: Language | "auto", urgent?: boolean): Promise<HeardText>;
  /** The model file's name, recorded with the stored transcript. */
  readonly model: string;
}
