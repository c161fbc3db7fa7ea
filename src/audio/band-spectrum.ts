import FFT from "fft.js";

export interface BandSpectrumSettings {
  frameSec: number;
  hopSec: number;
  bandLowHz: number;
  bandHighHz: number;
}

/**
 * Short-time power spectrum of one band of a signal, frame by frame: Hann-windowed frames,
 * frame k spanning [k * hopSec, k * hopSec + frameSec]. Computed on demand, so a long call is
 * never held as a whole spectrogram.
 */
export interface BandSpectrum {
  frameCount: number;
  hopSec: number;
  frameSec: number;
  binCount: number;
  /** Writes frame k's power per band bin into `out` (length binCount). */
  powerOf(frame: number, out: Float64Array): void;
  /** Converts a sum of bin powers to dB relative to a full-scale mean square (full-scale sine: -3 dB). */
  levelDb(powerSum: number): number;
}

/** Floor under every power so that digital silence gives a finite level (-120 dB). */
export const POWER_FLOOR = 1e-12;

export function bandSpectrum(samples: Float32Array, sampleRate: number, settings: BandSpectrumSettings): BandSpectrum {
  const frameLength = Math.round(settings.frameSec * sampleRate);
  const hop = Math.max(1, Math.round(settings.hopSec * sampleRate));
  const fftSize = 2 ** Math.ceil(Math.log2(frameLength));
  const frameCount = samples.length === 0 ? 0 : Math.max(1, Math.floor((samples.length - frameLength) / hop) + 1);
  const firstBin = Math.max(1, Math.ceil((settings.bandLowHz * fftSize) / sampleRate));
  const lastBin = Math.min(fftSize / 2 - 1, Math.floor((settings.bandHighHz * fftSize) / sampleRate));

  const window = new Float64Array(frameLength);
  for (let i = 0; i < frameLength; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / frameLength);
  const windowEnergy = window.reduce((sum, w) => sum + w * w, 0);
  const fft = new FFT(fftSize);
  const input = new Float64Array(fftSize);
  const spectrum = fft.createComplexArray() as number[];

  return {
    frameCount,
    hopSec: hop / sampleRate,
    frameSec: frameLength / sampleRate,
    binCount: lastBin - firstBin + 1,
    powerOf(frame, out) {
      const offset = frame * hop;
      for (let i = 0; i < frameLength; i++) input[i] = (samples[offset + i] ?? 0) * window[i]!;
      fft.realTransform(spectrum, input);
      for (let bin = firstBin; bin <= lastBin; bin++) {
        const re = spectrum[2 * bin]!;
        const im = spectrum[2 * bin + 1]!;
        out[bin - firstBin] = re * re + im * im + POWER_FLOOR;
      }
    },
    // Parseval over both halves of the spectrum, normalised by the window's energy.
    levelDb: (powerSum) => 10 * Math.log10((2 * powerSum) / (fftSize * windowEnergy) + POWER_FLOOR),
  };
}
