/** Who spoke an utterance. Disclosures count only from the agent; objections only from the customer. */
export type Speaker = "agent" | "customer" | "unknown";

export type Language = "fr" | "en";

/** One turn of speech, with times in seconds from the start of the call. */
export interface Utterance {
  speaker: Speaker;
  start: number;
  end: number;
  text: string;
  /** ASR confidence of the text (mean token probability, 0..1); absent for typed transcripts. */
  asrConfidence?: number;
  /** How sure the speaker role is (1 for dual-channel audio or a given transcript). */
  speakerConfidence?: number;
}

/** How the utterances were obtained: it decides how far timing and roles can be trusted. */
export type TranscriptOrigin = "transcript" | "script" | "audio";

export interface Transcript {
  utterances: Utterance[];
  origin: TranscriptOrigin;
  /** Language of the speech when known (given, or detected by ASR). */
  language?: Language;
  /** Length of the recording in seconds, when it came from audio. */
  durationSec?: number;
  /** The ASR model file that produced it (audio only). */
  model?: string;
}
