import fs from "node:fs";
import fsp from "node:fs/promises";
import { Readable } from "node:stream";
import { floatToPcm16, pcm16WavHeader, PCM16_WAV_HEADER_BYTES } from "../audio/pcm16-wav.ts";
import type { LiveSpeaker } from "./pcm.ts";

export interface LiveRecordingOptions {
  /** The session's sample rate: the audio is kept as it came (8 kHz for Twilio), not resampled. */
  sampleRate: number;
  /** One temp file per track, from the audio store's temp folder. */
  tempPath: (suffix: string) => string;
  /** Largest WAV kept; audio past it is not recorded (the analysis goes on). */
  maxBytes: number;
}

interface TrackFile {
  file: string;
  out: fs.WriteStream;
  samples: number;
}

const SPEAKERS: readonly LiveSpeaker[] = ["agent", "customer"];
/** Sample frames read per track at a time when the WAV is assembled. */
const CHUNK_FRAMES = 32 * 1024;

/**
 * The audio of a live session whose campaign keeps it. Each track is appended as 16-bit PCM to
 * its own temp file as it arrives, so a long call never sits in memory; at the end the two are
 * interleaved into a stereo WAV (agent left, customer right), the shorter track padded with
 * silence. A track's sample count is its clock, as for the segmenter, so the stored audio lines
 * up with the transcript's times.
 */
export class LiveRecording {
  readonly sampleRate: number;
  readonly #maxFrames: number;
  readonly #tracks: Record<LiveSpeaker, TrackFile>;
  #error: Error | null = null;
  #truncated = false;

  constructor(options: LiveRecordingOptions) {
    this.sampleRate = options.sampleRate;
    this.#maxFrames = Math.max(0, Math.floor((options.maxBytes - PCM16_WAV_HEADER_BYTES) / 4));
    const track = (speaker: LiveSpeaker): TrackFile => {
      const file = options.tempPath(`.${speaker}.pcm`);
      const out = fs.createWriteStream(file);
      out.on("error", (err) => (this.#error ??= err));
      return { file, out, samples: 0 };
    };
    this.#tracks = { agent: track("agent"), customer: track("customer") };
  }

  /** True once audio was dropped because the recording reached its size limit. */
  get truncated(): boolean {
    return this.#truncated;
  }

  push(speaker: LiveSpeaker, samples: Float32Array): void {
    if (this.#error) return;
    const track = this.#tracks[speaker];
    const room = this.#maxFrames - track.samples;
    if (samples.length > room) this.#truncated = true;
    const kept = samples.length > room ? samples.subarray(0, Math.max(0, room)) : samples;
    if (kept.length === 0) return;
    track.out.write(floatToPcm16(kept));
    track.samples += kept.length;
  }

  /** Ends the temp files; throws if writing them failed (disk full...). */
  async end(): Promise<void> {
    await Promise.all(
      SPEAKERS.map(
        (speaker) =>
          new Promise<void>((resolve) => {
            const out = this.#tracks[speaker].out;
            if (out.closed || out.destroyed) return resolve();
            out.end(() => resolve());
            out.once("error", () => resolve());
          }),
      ),
    );
    if (this.#error) throw this.#error;
  }

  /** The stereo WAV, streamed from the temp files (call `end` first). */
  wav(): Readable {
    return Readable.from(this.#interleave());
  }

  /** Removes the temp files (whether or not the WAV was kept). */
  async discard(): Promise<void> {
    for (const speaker of SPEAKERS) {
      const track = this.#tracks[speaker];
      track.out.destroy();
      await fsp.rm(track.file, { force: true });
    }
  }

  async *#interleave(): AsyncGenerator<Buffer> {
    const { agent, customer } = this.#tracks;
    const frames = Math.max(agent.samples, customer.samples);
    yield pcm16WavHeader(2, this.sampleRate, frames);
    const left = await fsp.open(agent.file, "r");
    const right = await fsp.open(customer.file, "r");
    try {
      const a = Buffer.alloc(CHUNK_FRAMES * 2);
      const c = Buffer.alloc(CHUNK_FRAMES * 2);
      for (let from = 0; from < frames; from += CHUNK_FRAMES) {
        const n = Math.min(CHUNK_FRAMES, frames - from);
        // Past a track's end the buffer reads as zeros: silence on that side.
        a.fill(0);
        c.fill(0);
        await left.read(a, 0, n * 2, from * 2);
        await right.read(c, 0, n * 2, from * 2);
        const out = Buffer.alloc(n * 4);
        for (let i = 0; i < n; i++) {
          out.writeInt16LE(a.readInt16LE(i * 2), i * 4);
          out.writeInt16LE(c.readInt16LE(i * 2), i * 4 + 2);
        }
        yield out;
      }
    } finally {
      await left.close();
      await right.close();
    }
  }
}
