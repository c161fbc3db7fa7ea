import path from "node:path";
import { Whisper } from "smart-whisper";
import { checkModelFile } from "../asr/model-file.ts";
import { AppError } from "../errors.ts";
import type { Language } from "../transcript/types.ts";
import { ASR_SAMPLE_RATE } from "../audio/resample.ts";
import type { HeardText, UtteranceTranscriber } from "./transcriber.ts";

/** Encoder frames per second of audio: whisper's full window is 1500 frames for 30 s. */
const FRAMES_PER_SEC = 50;
const FULL_WINDOW_FRAMES = 1500;
/** Speech runs at about 3 words (4 to 6 tokens) a second; this leaves room for fast talkers. */
const MAX_TOKENS_PER_SEC = 10;

/**
 * How much of whisper's 30 s window to encode for an utterance. The encoder's cost grows with
 * its context: a 3 s utterance does not need the full window's ~3.3 s (base, 2 threads). A
 * margin after the speech and a floor keep accuracy (shorter contexts drift from training).
 * Measured by scripts/bench-live-audio-ctx.ts on 24 espeak utterances of 4 s: word error rate
 * full 0.53, 768 frames 0.52, 512 frames 0.50; median time 1873, 978, 692 ms.
 */
export interface AudioContextPolicy {
  /** null: always the full window. */
  marginSec: number | null;
  minFrames: number;
}

export const DEFAULT_AUDIO_CONTEXT: Readonly<AudioContextPolicy> = { marginSec: 1, minFrames: 512 };

/** The `audio_ctx` for an utterance of this length (0 means whisper's full window). */
export function audioContextFrames(durationSec: number, policy: AudioContextPolicy): number {
  if (policy.marginSec === null) return 0;
  const frames = Math.max(policy.minFrames, Math.ceil((durationSec + policy.marginSec) * FRAMES_PER_SEC / 32) * 32);
  return frames >= FULL_WINDOW_FRAMES ? 0 : frames;
}

export interface WhisperTranscriberOptions {
  modelPath: string;
  threads: number;
  audioContext?: AudioContextPolicy;
}

interface Pending {
  samples: Float32Array;
  language: Language | "auto";
  resolve: (heard: HeardText) => void;
  reject: (err: unknown) => void;
}

/**
 * Live utterances through whisper.cpp (smart-whisper), one model per process, one utterance at a
 * time: on a small machine two concurrent transcriptions only slow each other down. Agent
 * utterances go first: the agent's hints wait on them, while customer speech only matters for
 * objections, which can come a moment later.
 * It loads its own copy of the model rather than sharing the batch worker's engine: a live
 * utterance must not wait behind a 28 s batch window.
 */
export class WhisperUtteranceTranscriber implements UtteranceTranscriber {
  readonly model: string;
  readonly #whisper: Whisper;
  readonly #threads: number;
  readonly #policy: AudioContextPolicy;
  readonly #urgent: Pending[] = [];
  readonly #normal: Pending[] = [];
  #running: Promise<void> | null = null;

  constructor(options: WhisperTranscriberOptions) {
    checkModelFile(options.modelPath);
    this.model = path.basename(options.modelPath);
    // offload: keep the model loaded between calls (seconds idle before freeing it).
    this.#whisper = new Whisper(options.modelPath, { gpu: false, offload: 3600 });
    this.#threads = options.threads;
    this.#policy = options.audioContext ?? DEFAULT_AUDIO_CONTEXT;
  }

  transcribe(samples16k: Float32Array, language: Language | "auto", urgent = false): Promise<HeardText> {
    return new Promise((resolve, reject) => {
      (urgent ? this.#urgent : this.#normal).push({ samples: samples16k, language, resolve, reject });
      this.#running ??= this.#drain();
    });
  }

  async #drain(): Promise<void> {
    for (let next = this.#urgent.shift() ?? this.#normal.shift(); next; next = this.#urgent.shift() ?? this.#normal.shift()) {
      try {
        next.resolve(await this.#run(next.samples, next.language));
      } catch (err) {
        next.reject(err);
      }
    }
    this.#running = null;
  }

  async #run(samples: Float32Array, language: Language | "auto"): Promise<HeardText> {
    try {
      const task = await this.#whisper.transcribe(samples, {
        language,
        n_threads: this.#threads,
        audio_ctx: audioContextFrames(samples.length / ASR_SAMPLE_RATE, this.#policy),
        format: "detail",
        no_context: true,
        single_segment: true,
        suppress_non_speech_tokens: true,
        // Bounded work per utterance: no temperature fallback (it re-decodes up to five times on
        // unclear audio) and a token budget well above speech rate (stops repetition loops).
        temperature_inc: 0,
        max_tokens: Math.ceil((samples.length / ASR_SAMPLE_RATE) * MAX_TOKENS_PER_SEC) + 16,
      });
      const segments = await task.result;
      const text = segments.map((s) => s.text).join(" ").replace(/\s+/g, " ").trim();
      const tokens = segments.flatMap((s) => s.tokens);
      const confidence = tokens.length > 0 ? tokens.reduce((sum, t) => sum + t.p, 0) / tokens.length : undefined;
      const lang = segments[0]?.lang;
      return {
        text,
        ...(confidence !== undefined ? { confidence } : {}),
        ...(lang === "fr" || lang === "en" ? { language: lang } : {}),
      };
    } catch (err) {
      throw new AppError("ASR_FAILED", (err as Error).message, { cause: err });
    }
  }

  async close(): Promise<void> {
    await this.#running;
    await this.#whisper.free();
  }
}
