import libsamplerate from "@alexanderolsen/libsamplerate-js";

/** whisper.cpp's input rate. */
export const ASR_SAMPLE_RATE = 16_000;

/**
 * libsamplerate's medium sinc converter: 97 dB stop-band rejection and a pass band up to 90% of
 * the lower Nyquist, so nothing above 8 kHz folds into the speech band when downsampling, and
 * 8 kHz telephone audio gains no images when upsampled. Best quality costs 3x the time for no
 * audible difference to whisper; "fastest" cuts the pass band at 80%.
 */
const CONVERTER = libsamplerate.ConverterType.SRC_SINC_MEDIUM_QUALITY;

/**
 * The sinc filter looks ahead of the sample it outputs: the trailing input it has not yet seen
 * when the input ends is fed as silence, then the output is cut to the exact expected length.
 */
const FLUSH_TAIL_SEC = 0.05;

/** Resamples one channel to 16 kHz; returns the input itself when it is already at 16 kHz. */
export function resampleTo16k(samples: Float32Array, fromRate: number): Promise<Float32Array> {
  return resample(samples, fromRate, ASR_SAMPLE_RATE);
}

/** Anti-aliased sample-rate conversion of one channel; the output keeps the input's timing. */
export async function resample(samples: Float32Array, fromRate: number, toRate: number): Promise<Float32Array> {
  if (fromRate === toRate) return samples;
  const outLength = Math.round((samples.length * toRate) / fromRate);
  if (outLength === 0) return new Float32Array(0);

  const padded = new Float32Array(samples.length + Math.ceil(fromRate * FLUSH_TAIL_SEC));
  padded.set(samples);
  const converter = await libsamplerate.create(1, fromRate, toRate, { converterType: CONVERTER });
  try {
    const converted = converter.simple(padded);
    if (converted.length >= outLength) return converted.slice(0, outLength);
    const exact = new Float32Array(outLength);
    exact.set(converted);
    return exact;
  } finally {
    converter.destroy();
  }
}
