/**
 * Whisper's mel filterbank, computed as OpenAI computed its `mel_filters.npz`:
 * librosa.filters.mel(sr=16000, n_fft=400, n_mels=80, htk=False, norm="slaney"), i.e. Slaney's
 * Auditory Toolbox mel scale (linear below 1 kHz, logarithmic above) with triangles normalised to
 * constant energy. Computed in float64 like librosa, and rounded to float32 where librosa rounds:
 * once when the triangle goes into its float32 array, again after the in-place normalisation. That
 * double rounding makes the values bit-identical to the .npz (rounding once leaves 118 of 16,080
 * one float32 step away, enough to change some transcripts).
 */
export interface MelFilterbank {
  nMel: number;
  /** Number of FFT bins the filters span: n_fft / 2 + 1 (whisper.cpp calls it n_fft). */
  nFft: number;
  /** Row-major [nMel][nFft]. */
  data: Float32Array;
}

export interface MelFilterOptions {
  sampleRate: number;
  nFft: number;
  nMels: number;
}

export const WHISPER_MEL_OPTIONS = { sampleRate: 16000, nFft: 400 } as const;

const F_SP = 200 / 3;
const MIN_LOG_HZ = 1000;
const MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
const LOG_STEP = Math.log(6.4) / 27;

export function hzToMelSlaney(hz: number): number {
  return hz >= MIN_LOG_HZ ? MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOG_STEP : hz / F_SP;
}

export function melToHzSlaney(mel: number): number {
  return mel >= MIN_LOG_MEL ? MIN_LOG_HZ * Math.exp(LOG_STEP * (mel - MIN_LOG_MEL)) : F_SP * mel;
}

export function slaneyMelFilterbank({ sampleRate, nFft, nMels }: MelFilterOptions): MelFilterbank {
  const nBins = Math.floor(nFft / 2) + 1;
  const fftFreqs = Array.from({ length: nBins }, (_, k) => (k * sampleRate) / nFft);
  const maxMel = hzToMelSlaney(sampleRate / 2);
  // n_mels + 2 points evenly spaced in mel between 0 Hz and Nyquist: the triangles' edges.
  const melPoints = Array.from({ length: nMels + 2 }, (_, i) => melToHzSlaney((maxMel * i) / (nMels + 1)));
  const data = new Float32Array(nMels * nBins);
  for (let m = 0; m < nMels; m++) {
    const [left, center, right] = [melPoints[m]!, melPoints[m + 1]!, melPoints[m + 2]!];
    const slaneyNorm = 2 / (right - left);
    for (let k = 0; k < nBins; k++) {
      const f = fftFreqs[k]!;
      const rising = (f - left) / (center - left);
      const falling = (right - f) / (right - center);
      data[m * nBins + k] = Math.fround(Math.fround(Math.max(0, Math.min(rising, falling))) * slaneyNorm);
    }
  }
  return { nMel: nMels, nFft: nBins, data };
}
