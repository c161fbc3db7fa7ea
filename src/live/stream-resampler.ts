import libsamplerate from "@alexanderolsen/libsamplerate-js";
import { ASR_SAMPLE_RATE } from "../audio/resample.ts";

/** A stateful converter to 16 kHz for audio that arrives in small chunks (no clicks at chunk edges). */
export interface StreamResampler {
  push(chunk: Float32Array): Float32Array;
  destroy(): void;
}

/** The same converter quality as the batch path (src/audio/resample.ts), kept open across chunks. */
export async function createStreamResampler(fromRate: number): Promise<StreamResampler> {
  if (fromRate === ASR_SAMPLE_RATE) return { push: (chunk) => chunk, destroy() {} };
  const converter = await libsamplerate.create(1, fromRate, ASR_SAMPLE_RATE, {
    converterType: libsamplerate.ConverterType.SRC_SINC_MEDIUM_QUALITY,
  });
  return {
    push: (chunk) => converter.full(chunk),
    destroy: () => converter.destroy(),
  };
}
