import FFT from "fft.js";

/** Per-frame measurements of the speech band that the voice activity detector decides on. */
export interface SpeechBandFrames {
  /** Seconds between frame starts; frame k spans [k * hopSec, k * hopSec + frameSec]. */
  hopSec: number;
  frameSec: number;
  /** In-band level per frame: dB relative to a full-scale mean square (a full-scale sine is -3 dB). */
  levelDb: Float64Array;
  /**
   * In-band spectral flatness per frame (geometric over arithmetic mean of the power spectrum):
   * near 0.1-0.3 for voiced speech, whose energy sits in harmonics and formants; about 0.56 for
   * white noise, whatever its level.
   */
  flatness: Float64Array;
}

export interface SpeechBandSettings {
  frameSec: number;
  hopSec: number;
  bandLowHz: number;
  bandHighHz: number;
}

/** Floor under every power so that digital silence gives a finite level (-120 dB) and flatness. */
const POWER_FLOOR = 1e-12;

export function speechBandFrames(samples: Float32Array, sampleRate: number, settings: SpeechBandSettings): SpeechBandFrames {
  const frameLength = Math.round(settings.frameSec * sampleRate);
  const hop = Math.max(1, Math.round(settings.hopSec * sampleRate));
  const fftSize = 2 ** Math.ceil(Math.log2(frameLength));
  const frameCount = samples.length === 0 ? 0 : Math.max(1, Math.floor((samples.length - frameLength) / hop) + 1);

  const window = hannWindow(frameLength);
  const windowEnergy = window.reduce((sum, w) => sum + w * w, 0);
  const firstBin = Math.max(1, Math.ceil((settings.bandLowHz * fftSize) / sampleRate));
  const lastBin = Math.min(fftSize / 2 - 1, Math.floor((settings.bandHighHz * fftSize) / sampleRate));
  const binCount = lastBin - firstBin + 1;

  const fft = new FFT(fftSize);
  const input = new Float64Array(fftSize);
  const spectrum = fft.createComplexArray() as number[];
  const levelDb = new Float64Array(frameCount);
  const flatness = new Float64Array(frameCount);

  for (let frame = 0; frame < frameCount; frame++) {
    const offset = frame * hop;
    for (let i = 0; i < frameLength; i++) input[i] = (samples[offset + i] ?? 0) * window[i]!;
    fft.realTransform(spectrum, input);

    let powerSum = 0;
    let logPowerSum = 0;
    for (let bin = firstBin; bin <= lastBin; bin++) {
      const re = spectrum[2 * bin]!;
      const im = spectrum[2 * bin + 1]!;
      const power = re * re + im * im + POWER_FLOOR;
      powerSum += power;
      logPowerSum += Math.log(power);
    }
    // Parseval over both halves of the spectrum, normalised by the window's energy.
    levelDb[frame] = 10 * Math.log10((2 * powerSum) / (fftSize * windowEnergy) + POWER_FLOOR);
    flatness[frame] = Math.exp(logPowerSum / binCount) / (powerSum / binCount);
  }
  return { hopSec: hop / sampleRate, frameSec: frameLength / sampleRate, levelDb, flatness };
}

function hannWindow(length: number): Float64Array {
  const window = new Float64Array(length);
  for (let i = 0; i < length; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / length);
  return window;
}
