/**
 * Numerical comparison of two ggml models' tensors made from the same weights by different routes
 * (this converter's f16/q8_0 output against a q5_1 reference), with a tolerance derived from how
 * each route rounds, so that a wrong layout (a transpose, a swapped tensor) fails while honest
 * quantization noise passes.
 */
import { AppError } from "../../errors.ts";
import { tensorValues, type GgmlTensorEntry } from "./ggml-reader.ts";
import { QK, blockScales, type BlockScales } from "./ggml-types.ts";

/** Unit roundoff of IEEE half precision (11-bit significand): |f16(x) - x| <= F16_EPS * |x|. */
const F16_EPS = 2 ** -11;

export interface TensorDifference {
  name: string;
  elements: number;
  maxAbs: number;
  meanAbs: number;
  /** Largest |difference| / tolerance over all values: <= 1 means every value is within bounds. */
  worstToTolerance: number;
  /** Largest |difference| in units of the reference's quantization step (0 when not quantized). */
  maxInReferenceSteps: number;
  /** Mean |difference| in reference steps: about 1/4 for honest rounding noise (uniform in +-d/2). */
  meanInReferenceSteps: number;
}

/**
 * Per value, the two routes can differ by at most:
 *   d_ref/2 + d_cand/2                       both quantizers' rounding (half a step each)
 * + F16_EPS * (|x| + |m_ref| + 31 d_ref + 127 d_cand)  f16 rounding of the intermediate weights
 *                                           and of each block's stored scale and offset
 * where d is a block's step (0 for f16/f32 tensors) and m the q5_1 block's offset.
 */
export function compareTensors(candidate: GgmlTensorEntry, reference: GgmlTensorEntry): TensorDifference {
  if (candidate.elements !== reference.elements || candidate.dims.join() !== reference.dims.join()) {
    throw new AppError("MODEL_INVALID", `${candidate.name}: shapes differ`);
  }
  const x = tensorValues(candidate);
  const r = tensorValues(reference);
  const candidateBlocks = blockScales(candidate.type, candidate.bytes, candidate.elements);
  const referenceBlocks = blockScales(reference.type, reference.bytes, reference.elements);
  let maxAbs = 0;
  let sumAbs = 0;
  let worstToTolerance = 0;
  let maxInReferenceSteps = 0;
  let sumInReferenceSteps = 0;
  for (let i = 0; i < x.length; i++) {
    const diff = Math.abs(x[i]! - r[i]!);
    const dRef = step(referenceBlocks, i);
    const dCand = step(candidateBlocks, i);
    const mRef = Math.abs(referenceBlocks?.offsets[Math.floor(i / QK)] ?? 0);
    const tolerance = dRef / 2 + dCand / 2 + F16_EPS * (Math.abs(x[i]!) + mRef + 31 * dRef + 127 * dCand);
    maxAbs = Math.max(maxAbs, diff);
    sumAbs += diff;
    if (diff > 0) worstToTolerance = Math.max(worstToTolerance, tolerance > 0 ? diff / tolerance : Number.POSITIVE_INFINITY);
    if (dRef > 0) {
      maxInReferenceSteps = Math.max(maxInReferenceSteps, diff / dRef);
      sumInReferenceSteps += diff / dRef;
    }
  }
  return {
    name: candidate.name,
    elements: x.length,
    maxAbs,
    meanAbs: sumAbs / x.length,
    worstToTolerance,
    maxInReferenceSteps,
    meanInReferenceSteps: sumInReferenceSteps / x.length,
  };
}

function step(blocks: BlockScales | undefined, index: number): number {
  return blocks ? blocks.steps[Math.floor(index / QK)]! : 0;
}
