/**
 * De-quantization and layout fixes for weights: plain array functions, no graph knowledge.
 * A `FloatTensor` is always in PyTorch's layout (nn.Linear [out, in], nn.Conv1d [out, in, k]),
 * row-major, which is what whisper.cpp's converters write (with the dims listed reversed).
 */
export interface FloatTensor {
  shape: number[];
  data: Float32Array;
}

export interface PerTensorQuantization {
  scale: number;
  zeroPoint: number;
}

/** onnxruntime's linear quantization, inverted: real = (q - zero_point) * scale. */
export function dequantize(values: Int16Array, { scale, zeroPoint }: PerTensorQuantization): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i]! - zeroPoint) * scale;
  return out;
}

/** ONNX MatMul computes x @ W with W [in, out]; nn.Linear stores [out, in]. */
export function transpose2d(tensor: FloatTensor): FloatTensor {
  const [rows, cols] = tensor.shape as [number, number];
  const out = new Float32Array(rows * cols);
  const input = tensor.data;
  for (let r = 0; r < rows; r++) {
    const rowOffset = r * cols;
    for (let c = 0; c < cols; c++) out[c * rows + r] = input[rowOffset + c]!;
  }
  return { shape: [cols, rows], data: out };
}
