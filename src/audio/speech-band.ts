import { bandSpectrum, type BandSpectrumSettings } from "./band-spectrum.js";

/** Per-frame measurements of the speech band, each set against the local background noise. */
export interface SpeechBandFrames {
  /** Seconds between frame starts; frame k spans [k * hopSec, k * hopSec + frameSec]. */
  hopSec: number;
  frameSec: number;
  /** In-band level per frame: dB relative to a full-scale mean square (a full-scale sine is -3 dB). */
  levelDb: Float64Array;
  /** Background level per frame, same scale: the quietest nearby stretch (see backgroundBlocks). */
  noiseDb: Float64Array;
  /**
   * Spectral flatness per frame of the band's power divided by the background's own spectrum:
   * about 0.56 for noise of any colour (whitened, it is white noise), lower for voiced speech,
   * whose power sits in harmonics and formants that the background lacks.
   */
  flatness: Float64Array;
  /** Per frame, the band bin (0 = the band's lowest) standing highest above the background. */
  peakBin: Int32Array;
}

export interface SpeechBandSettings extends BandSpectrumSettings {
  /** Half-width of the window in which the quietest block sets the background, seconds. */
  noiseWindowSec: number;
  /** Percentile (0-100) of a block's frame levels taken as that block's background level. */
  noisePercentile: number;
}

/** The background is measured per block of this many seconds. */
const BLOCK_SEC = 0.5;
/** The background spectrum is smoothed over this many bins: noise colours are smooth in frequency. */
const SMOOTHING_BINS = 5;

export function speechBandFrames(
  samples: Float32Array,
  sampleRate: number,
  settings: SpeechBandSettings,
): SpeechBandFrames {
  const band = bandSpectrum(samples, sampleRate, settings);
  const { frameCount, binCount } = band;
  const blockFrames = Math.max(1, Math.round(BLOCK_SEC / band.hopSec));
  const power = new Float64Array(binCount);

  // Pass 1: frame levels, and per block its background level and spectrum.
  const levelDb = new Float64Array(frameCount);
  const blocks: Background[] = [];
  const blockPowers: Float64Array[] = [];
  for (let frame = 0; frame < frameCount; frame++) {
    band.powerOf(frame, power);
    levelDb[frame] = band.levelDb(power.reduce((sum, p) => sum + p, 0));
    blockPowers.push(power.slice());
    if (blockPowers.length === blockFrames || frame === frameCount - 1) {
      const firstFrame = frame + 1 - blockPowers.length;
      const levels = levelDb.subarray(firstFrame, frame + 1);
      blocks.push(blockBackground(levels, blockPowers, settings.noisePercentile, band.levelDb));
      blockPowers.length = 0;
    }
  }

  // Pass 2: each frame against the quietest block within the window.
  const windowBlocks = Math.max(1, Math.round(settings.noiseWindowSec / BLOCK_SEC));
  const quietest = quietestBlocks(blocks, windowBlocks);
  const noiseDb = new Float64Array(frameCount);
  const flatness = new Float64Array(frameCount);
  const peakBin = new Int32Array(frameCount);
  for (let frame = 0; frame < frameCount; frame++) {
    const background = blocks[quietest[Math.floor(frame / blockFrames)]!]!;
    noiseDb[frame] = background.levelDb;
    band.powerOf(frame, power);
    let sum = 0;
    let logSum = 0;
    let peak = 0;
    let peakValue = 0;
    for (let bin = 0; bin < binCount; bin++) {
      const whitened = power[bin]! / background.spectrum[bin]!;
      sum += whitened;
      logSum += Math.log(whitened);
      if (whitened > peakValue) {
        peakValue = whitened;
        peak = bin;
      }
    }
    flatness[frame] = Math.exp(logSum / binCount) / (sum / binCount);
    peakBin[frame] = peak;
  }
  return { hopSec: band.hopSec, frameSec: band.frameSec, levelDb, noiseDb, flatness, peakBin };
}

interface Background {
  levelDb: number;
  spectrum: Float64Array;
}

/**
 * A block's background: the mean power of its frames at or below the given percentile of its
 * levels, and their mean spectrum. A mean rather than the percentile itself, because noise with
 * few dominant bins (brown noise) fluctuates widely from frame to frame and its low percentiles
 * sit far below its typical level.
 */
function blockBackground(
  levelDb: Float64Array,
  powers: Float64Array[],
  percentile: number,
  toLevelDb: (powerSum: number) => number,
): Background {
  const sorted = Float64Array.from(levelDb).sort();
  const threshold = sorted[Math.round((percentile / 100) * (sorted.length - 1))]!;
  const binCount = powers[0]!.length;
  const mean = new Float64Array(binCount);
  let count = 0;
  powers.forEach((power, i) => {
    if (levelDb[i]! > threshold) return;
    count++;
    for (let bin = 0; bin < binCount; bin++) mean[bin] = mean[bin]! + power[bin]!;
  });
  const spectrum = new Float64Array(binCount);
  const half = Math.floor(SMOOTHING_BINS / 2);
  for (let bin = 0; bin < binCount; bin++) {
    let sum = 0;
    let n = 0;
    for (let b = Math.max(0, bin - half); b <= Math.min(binCount - 1, bin + half); b++, n++) sum += mean[b]!;
    spectrum[bin] = sum / n / count;
  }
  return { levelDb: toLevelDb(mean.reduce((a, b) => a + b, 0) / count), spectrum };
}

/**
 * For each block, the index of the quietest block within windowBlocks of it: a long stretch of
 * speech does not raise its own background, and a changing background is followed.
 */
function quietestBlocks(blocks: Background[], windowBlocks: number): Int32Array {
  const result = new Int32Array(blocks.length);
  for (let b = 0; b < blocks.length; b++) {
    let best = b;
    for (let o = Math.max(0, b - windowBlocks); o <= Math.min(blocks.length - 1, b + windowBlocks); o++) {
      if (blocks[o]!.levelDb < blocks[best]!.levelDb) best = o;
    }
    result[b] = best;
  }
  return result;
}
