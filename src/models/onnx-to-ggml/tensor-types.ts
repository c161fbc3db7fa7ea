/**
 * Which ggml type each tensor is stored in, as whisper.cpp's converter and quantize tool decide:
 * biases, norms, conv biases and positional embeddings stay f32; conv kernels are f16 in any
 * non-f32 model (whisper.cpp loads them as f16); every other matrix takes the model's weight type.
 */
import { GgmlFileType, GgmlType, type GgmlTypeId } from "./ggml-types.ts";

export type WeightType = "q8_0" | "q5_1" | "f16";

export const WEIGHT_TYPES: readonly WeightType[] = ["q8_0", "q5_1", "f16"];

const FILE_TYPE: Record<WeightType, number> = { q8_0: GgmlFileType.Q8_0, q5_1: GgmlFileType.Q5_1, f16: GgmlFileType.F16 };
const MATRIX_TYPE: Record<WeightType, GgmlTypeId> = { q8_0: GgmlType.Q8_0, q5_1: GgmlType.Q5_1, f16: GgmlType.F16 };

export function fileTypeOf(weightType: WeightType): number {
  return FILE_TYPE[weightType];
}

export function tensorTypeFor(name: string, shape: readonly number[], weightType: WeightType): GgmlTypeId {
  if (shape.length < 2 || name.endsWith("conv1.bias") || name.endsWith("conv2.bias") || name.endsWith("positional_embedding")) {
    return GgmlType.F32;
  }
  if (shape.length === 3) return GgmlType.F16;
  return MATRIX_TYPE[weightType];
}
