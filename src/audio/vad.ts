import { ASR_SAMPLE_RATE } from "./resample.js";
import { speechBandFrames } from "./speech-band.js";
import type { SpeechRegion, VadOptions } from "./types.js";

/*
 * Voice activity detection, written here rather than taken from Silero (@ricky0123/vad-node):
 * - the ASR stage calls it synchronously on each channel, and Silero runs through onnxruntime's
 *   asynchronous native binding, whose install script downloads from the network and fails here;
 * - what whisper needs is modest: skip silence, line noise and hiss, where it invents text.
 *   Level against the local background plus spectral shape does that, deterministically.
 * How: per 25 ms frame, the level of the 300-3400 Hz band (the telephone band, so 8 kHz
 * recordings and wideband ones are judged alike) against the background: the quietest nearby
 * stretch, so a changing background is followed (speech-band.ts). Speech starts on a frame well
 * above the background that is also voiced: its spectrum, divided by the background's own, is
 * far from flat (harmonics and formants, which noise of any colour lacks). It extends back over
 * its soft onset and continues while frames stay above a lower threshold (hysteresis) until a
 * pause of minSilenceSec. Regions shorter than minSpeechSec (clicks) are dropped, and so are
 * regions whose strongest frequency hardly moves (ringback, beeps); the rest are padded and merged.
 * Checked on 60 real French telephone prompts (Asterisk core sounds) padded with 2 s of background:
 * 99.7-100% of speech covered in silence, white noise at 15 dB and 5 dB SNR, brown noise at 10 and
 * 0 dB; at most 0.43 s of the 254 s of background flagged more than 0.4 s away from the speech.
 * Limits: hold music and DTMF are voiced, loud and moving, so they count as speech; faint
 * crosstalk is rejected only when it is onsetBelowLoudestDb under the channel's own speech.
 */
export const DEFAULT_VAD_OPTIONS: Readonly<VadOptions> = {
  frameSec: 0.025,
  hopSec: 0.01,
  bandLowHz: 300,
  bandHighHz: 3400,
  noiseWindowSec: 5,
  noisePercentile: 50,
  onsetAboveNoiseDb: 10,
  continueAboveNoiseDb: 5,
  minSpeechLevelDb: -55,
  onsetBelowLoudestDb: 30,
  maxOnsetFlatness: 0.3,
  // Measured on 110 real French telephone prompts: speech regions at most 0.55, median 0.23;
  // a single-tone ringback or beep 0.98-1.0, the US two-tone ringback 0.8.
  maxSteadyPeakShare: 0.75,
  minSpeechSec: 0.2,
  minSilenceSec: 0.4,
  padSec: 0.2,
};

/** The channel's loud speech level: a high percentile, so a few clicks do not set it. */
const LOUDEST_PERCENTILE = 98;

/** Voice-active regions of one 16 kHz channel, in seconds, sorted and not overlapping. */
export function detectSpeech(samples16k: Float32Array, options: Partial<VadOptions> = {}): SpeechRegion[] {
  const settings: VadOptions = { ...DEFAULT_VAD_OPTIONS, ...options };
  const frames = speechBandFrames(samples16k, ASR_SAMPLE_RATE, settings);
  const { levelDb, noiseDb, flatness, peakBin, hopSec, frameSec } = frames;
  if (levelDb.length === 0) return [];

  const loudestDb = percentile(levelDb, LOUDEST_PERCENTILE);
  const onsetMinDb = Math.max(settings.minSpeechLevelDb, loudestDb - settings.onsetBelowLoudestDb);
  const isOnset = (k: number) =>
    levelDb[k]! >= Math.max(noiseDb[k]! + settings.onsetAboveNoiseDb, onsetMinDb) &&
    flatness[k]! <= settings.maxOnsetFlatness;
  const isActive = (k: number) =>
    levelDb[k]! >= Math.max(noiseDb[k]! + settings.continueAboveNoiseDb, settings.minSpeechLevelDb);

  const pauseFrames = Math.ceil(settings.minSilenceSec / hopSec);
  const runs: Array<[first: number, last: number]> = [];
  let first = -1;
  let last = -1;
  for (let k = 0; k < levelDb.length; k++) {
    if (first < 0) {
      if (!isOnset(k)) continue;
      const previousEnd = runs.at(-1)?.[1] ?? -1;
      first = k;
      while (first - 1 > previousEnd && isActive(first - 1)) first--;
      last = k;
    } else if (isActive(k)) {
      last = k;
    } else if (k - last >= pauseFrames) {
      runs.push([first, last]);
      first = -1;
    }
  }
  if (first >= 0) runs.push([first, last]);

  const durationSec = samples16k.length / ASR_SAMPLE_RATE;
  const regions = runs
    .filter(([a, b]) => modalShare(peakBin.subarray(a, b + 1)) < settings.maxSteadyPeakShare)
    .map(([a, b]) => ({ start: a * hopSec, end: Math.min(b * hopSec + frameSec, durationSec) }))
    .filter((region) => region.end - region.start >= settings.minSpeechSec)
    .map((region) => ({
      start: Math.max(0, region.start - settings.padSec),
      end: Math.min(durationSec, region.end + settings.padSec),
    }));
  return mergeOverlapping(regions);
}

/** Share of the values equal to the most frequent one. */
function modalShare(values: Int32Array): number {
  const counts = new Map<number, number>();
  let most = 0;
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1;
    counts.set(value, count);
    most = Math.max(most, count);
  }
  return most / values.length;
}

function percentile(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round((p / 100) * (sorted.length - 1))));
  return sorted[index]!;
}

function mergeOverlapping(regions: SpeechRegion[]): SpeechRegion[] {
  const merged: SpeechRegion[] = [];
  for (const region of regions) {
    const previous = merged.at(-1);
    if (previous && region.start <= previous.end) previous.end = Math.max(previous.end, region.end);
    else merged.push({ ...region });
  }
  return merged;
}
