import type { Language, Utterance } from "../transcript/types.ts";
import type { LiveSpeaker } from "./pcm.ts";
import { SpeechSegmenter, type SegmenterOptions, type SpeechSegment } from "./speech-segmenter.ts";
import { createStreamResampler, type StreamResampler } from "./stream-resampler.ts";
import type { UtteranceTranscriber } from "./transcriber.ts";

export interface AudioInputOptions {
  sampleRate: number;
  language: Language | "auto";
  transcriber: UtteranceTranscriber;
  segmenter?: Partial<SegmenterOptions>;
  /** Called with each utterance heard, as its transcription ends (not necessarily in time order). */
  onHeard: (utterance: Utterance) => void;
  onError: (err: unknown) => void;
}

interface Track {
  resampler: StreamResampler;
  segmenter: SpeechSegmenter;
}

/**
 * Audio mode for one session: per speaker, audio is brought to 16 kHz, cut into utterances at
 * the speaker's pauses, and each utterance is transcribed in turn. Two tracks keep who spoke.
 */
export class AudioInput {
  readonly #options: AudioInputOptions;
  readonly #tracks: Record<LiveSpeaker, Track>;
  /** Transcriptions under way; the transcriber schedules them (agent first), so they may end out of order. */
  readonly #pending = new Set<Promise<void>>();
  #durationSec = 0;

  private constructor(options: AudioInputOptions, tracks: Record<LiveSpeaker, Track>) {
    this.#options = options;
    this.#tracks = tracks;
  }

  static async create(options: AudioInputOptions): Promise<AudioInput> {
    const track = async (): Promise<Track> => ({
      resampler: await createStreamResampler(options.sampleRate),
      segmenter: new SpeechSegmenter(options.segmenter),
    });
    return new AudioInput(options, { agent: await track(), customer: await track() });
  }

  /** Length of the longest track so far (s). */
  get durationSec(): number {
    return this.#durationSec;
  }

  push(speaker: LiveSpeaker, samples: Float32Array): void {
    const track = this.#tracks[speaker];
    const segments = track.segmenter.push(track.resampler.push(samples));
    this.#durationSec = Math.max(this.#durationSec, track.segmenter.endSec);
    for (const segment of segments) this.#transcribe(speaker, segment);
  }

  /** The call ended: transcribes what is left on each track and waits for every transcription. */
  async finish(): Promise<void> {
    for (const speaker of ["agent", "customer"] as const) {
      for (const segment of this.#tracks[speaker].segmenter.flush()) this.#transcribe(speaker, segment);
    }
    while (this.#pending.size > 0) await Promise.all(this.#pending);
  }

  close(): void {
    for (const track of Object.values(this.#tracks)) track.resampler.destroy();
  }

  #transcribe(speaker: LiveSpeaker, segment: SpeechSegment): void {
    const { transcriber, language, onHeard, onError } = this.#options;
    const work = (async () => {
      try {
        const heard = await transcriber.transcribe(segment.samples, language, speaker === "agent");
        const text = heard.text.trim();
        if (text === "") return;
        onHeard({
          speaker,
          start: round(segment.start),
          end: round(segment.end),
          text,
          speakerConfidence: 1,
          ...(heard.confidence !== undefined ? { asrConfidence: heard.confidence } : {}),
        });
      } catch (err) {
        onError(err);
      }
    })();
    this.#pending.add(work);
    void work.finally(() => this.#pending.delete(work));
  }
}

const round = (sec: number) => Math.round(sec * 1000) / 1000;
