/** Audio as decoded from a recording, at its own sample rate, one Float32Array per channel. */
export interface DecodedAudio {
  sampleRate: number;
  /** Samples in [-1, 1], one array per channel, all the same length. */
  channels: Float32Array[];
  durationSec: number;
  /** Detected codec/container: "wav", "mp3", "flac", "opus", "vorbis", ... */
  format: string;
}

/**
 * Audio ready for whisper: each channel 16 kHz mono float32. A dual-channel call keeps its two
 * channels (agent and customer apart); which is which is the ASR stage's decision.
 */
export interface PreparedAudio {
  channels: Float32Array[];
  durationSec: number;
  sourceFormat: string;
  sourceSampleRate: number;
}

/** A stretch of voice activity, in seconds from the start of the channel. */
export interface SpeechRegion {
  start: number;
  end: number;
}

/** Tuning of the voice activity detector (see vad.ts for how each is used). */
export interface VadOptions {
  /** Analysis frame length and hop, seconds. */
  frameSec: number;
  hopSec: number;
  /** The band whose energy is measured: the telephone band, present in 8 kHz and wideband audio. */
  bandLowHz: number;
  bandHighHz: number;
  /** Half-width of the window in which the quietest block sets the background, seconds. */
  noiseWindowSec: number;
  /** A block's background is the mean of its frames at or below this percentile (0-100) of its levels. */
  noisePercentile: number;
  /** Speech starts at a frame this many dB above the noise level... */
  onsetAboveNoiseDb: number;
  /** ...and continues while frames stay this many dB above it (hysteresis). */
  continueAboveNoiseDb: number;
  /** Frames quieter than this (dB relative to full-scale mean square) are never speech. */
  minSpeechLevelDb: number;
  /** Speech starts only within this many dB of the channel's loud speech (rejects faint crosstalk). */
  onsetBelowLoudestDb: number;
  /** Speech starts only on frames whose in-band spectral flatness is at most this (voiced, not hiss). */
  maxOnsetFlatness: number;
  /**
   * Regions whose strongest frequency is the same bin in at least this share of their frames are
   * steady tones (ringback, beeps, test tones), not speech, whose pitch and formants keep moving.
   */
  maxSteadyPeakShare: number;
  /** Regions shorter than this (before padding) are dropped as clicks and bumps. */
  minSpeechSec: number;
  /** Pauses shorter than this do not split a region. */
  minSilenceSec: number;
  /** Added before and after each region so soft onsets and word endings are not cut. */
  padSec: number;
}
