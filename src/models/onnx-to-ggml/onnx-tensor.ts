/**
 * Element access for ONNX tensors: the typed views the de-quantizer needs. Tensors from protobuf
 * may start at any byte offset inside the file buffer, so values are copied, never aliased.
 */
import { AppError } from "../../errors.ts";
import { OnnxDataType, type OnnxTensor } from "./onnx-model.ts";

export function elementCount(dims: readonly number[]): number {
  return dims.reduce((count, dim) => count * dim, 1);
}

export function floatValues(tensor: OnnxTensor): Float32Array {
  if (tensor.dataType !== OnnxDataType.FLOAT) {
    throw new AppError("MODEL_INVALID", `tensor ${tensor.name} is not float32 (data type ${tensor.dataType})`);
  }
  return checkedLength(tensor, new Float32Array(copyBytes(tensor.bytes).buffer));
}

/** int8 and uint8 weights as plain integers, so the de-quantizer need not care which it got. */
export function integerValues(tensor: OnnxTensor): Int16Array {
  let values: Int8Array | Uint8Array;
  if (tensor.dataType === OnnxDataType.INT8) {
    values = new Int8Array(tensor.bytes.buffer, tensor.bytes.byteOffset, tensor.bytes.byteLength);
  } else if (tensor.dataType === OnnxDataType.UINT8) {
    values = tensor.bytes;
  } else {
    throw new AppError("MODEL_INVALID", `tensor ${tensor.name} is not int8/uint8 (data type ${tensor.dataType})`);
  }
  return checkedLength(tensor, Int16Array.from(values));
}

export function isQuantizedType(tensor: OnnxTensor): boolean {
  return tensor.dataType === OnnxDataType.INT8 || tensor.dataType === OnnxDataType.UINT8;
}

/** The single value of a per-tensor scale or zero point. */
export function scalarValue(tensor: OnnxTensor): number {
  const values = tensor.dataType === OnnxDataType.FLOAT ? floatValues(tensor) : integerValues(tensor);
  if (values.length !== 1) {
    throw new AppError(
      "MODEL_INVALID",
      `${tensor.name} holds ${values.length} values: only per-tensor quantization is supported`,
    );
  }
  return values[0]!;
}

/** A copy into a fresh, aligned buffer (Buffer#slice would return a view, not a copy). */
function copyBytes(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes);
}

function checkedLength<T extends { length: number }>(tensor: OnnxTensor, values: T): T {
  if (values.length !== elementCount(tensor.dims)) {
    throw new AppError(
      "MODEL_INVALID",
      `tensor ${tensor.name} has ${values.length} values for shape [${tensor.dims.join(", ")}]`,
    );
  }
  return values;
}
