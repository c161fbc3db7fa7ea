/**
 * ggml tensor encodings the converter writes and reads back (f32, f16, q8_0, q5_1),
 * byte-compatible with ggml-quants.c's reference code.
 */
import { AppError } from "../../errors.ts";
import { float16BitsToFloat32, float16Encoder } from "./float16.ts";

/** ggml_type values. */
export const GgmlType = { F32: 0, F16: 1, Q5_1: 7, Q8_0: 8 } as const;
export type GgmlTypeId = (typeof GgmlType)[keyof typeof GgmlType];

/** whisper.cpp's header ftype (ggml_ftype; quantized files add GGML_QNT_VERSION * 1000). */
export const GgmlFileType = { F16: 1, Q8_0: 2007, Q5_1: 2009 } as const;

export const QK = 32;
const Q8_0_BLOCK_BYTES = 2 + QK;
const Q5_1_BLOCK_BYTES = 2 + 2 + 4 + QK / 2;

export function encodedByteLength(type: GgmlTypeId, elements: number): number {
  switch (type) {
    case GgmlType.F32:
      return elements * 4;
    case GgmlType.F16:
      return elements * 2;
    case GgmlType.Q8_0:
      return (elements / QK) * Q8_0_BLOCK_BYTES;
    case GgmlType.Q5_1:
      return (elements / QK) * Q5_1_BLOCK_BYTES;
    default:
      throw new AppError("MODEL_INVALID", `unsupported ggml tensor type ${String(type)}`);
  }
}

export function encodeTensor(type: GgmlTypeId, values: Float32Array): Uint8Array {
  switch (type) {
    case GgmlType.F32:
      return new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    case GgmlType.F16:
      return encodeF16(values);
    case GgmlType.Q8_0:
      return encodeQ8_0(values);
    case GgmlType.Q5_1:
      return encodeQ5_1(values);
  }
}

export function decodeTensor(type: number, bytes: Uint8Array, elements: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(elements);
  switch (type) {
    case GgmlType.F32:
      for (let i = 0; i < elements; i++) out[i] = view.getFloat32(i * 4, true);
      return out;
    case GgmlType.F16: {
      const halves = new Uint16Array(new Uint8Array(bytes).buffer, 0, elements);
      const table = float16Table();
      for (let i = 0; i < elements; i++) out[i] = table[halves[i]!]!;
      return out;
    }
    case GgmlType.Q8_0: {
      const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (let b = 0; b < elements / QK; b++) {
        const offset = b * Q8_0_BLOCK_BYTES;
        const d = float16BitsToFloat32(view.getUint16(offset, true));
        for (let j = 0; j < QK; j++) out[b * QK + j] = d * signed[offset + 2 + j]!;
      }
      return out;
    }
    case GgmlType.Q5_1:
      for (let b = 0; b < elements / QK; b++) decodeQ5_1Block(view, b, out);
      return out;
    default:
      throw new AppError("MODEL_INVALID", `unsupported ggml tensor type ${type}`);
  }
}

/** Per-block scale (d) and offset (m, 0 for q8_0) of a quantized tensor; rounding error is at most d / 2 per value. */
export interface BlockScales {
  steps: Float32Array;
  offsets: Float32Array;
}

export function blockScales(type: number, bytes: Uint8Array, elements: number): BlockScales | undefined {
  const blockBytes = type === GgmlType.Q5_1 ? Q5_1_BLOCK_BYTES : type === GgmlType.Q8_0 ? Q8_0_BLOCK_BYTES : 0;
  if (blockBytes === 0) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const steps = new Float32Array(elements / QK);
  const offsets = new Float32Array(elements / QK);
  for (let b = 0; b < steps.length; b++) {
    steps[b] = float16BitsToFloat32(view.getUint16(b * blockBytes, true));
    if (type === GgmlType.Q5_1) offsets[b] = float16BitsToFloat32(view.getUint16(b * blockBytes + 2, true));
  }
  return { steps, offsets };
}

/** Every half-precision value by bit pattern: decoding a large tensor becomes a lookup. */
function float16Table(): Float32Array {
  const table = new Float32Array(65536);
  for (let bits = 0; bits < 65536; bits++) table[bits] = float16BitsToFloat32(bits);
  return table;
}

function encodeF16(values: Float32Array): Uint8Array {
  const toHalf = float16Encoder();
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = toHalf(values[i]!);
  return new Uint8Array(out.buffer);
}

/** ggml's quantize_row_q8_0_reference: d = max|x| / 127 per 32 values, q = round(x / d). */
function encodeQ8_0(values: Float32Array): Uint8Array {
  if (values.length % QK !== 0) throw new AppError("INTERNAL", `q8_0 needs a multiple of ${QK} values`);
  const toHalf = float16Encoder();
  const out = new Uint8Array((values.length / QK) * Q8_0_BLOCK_BYTES);
  const view = new DataView(out.buffer);
  for (let b = 0; b < values.length / QK; b++) {
    const base = b * QK;
    let amax = 0;
    for (let j = 0; j < QK; j++) amax = Math.max(amax, Math.abs(values[base + j]!));
    const d = Math.fround(amax / 127);
    const inverse = d ? 1 / d : 0;
    const offset = b * Q8_0_BLOCK_BYTES;
    view.setUint16(offset, toHalf(d), true);
    for (let j = 0; j < QK; j++) view.setInt8(offset + 2 + j, roundHalfAwayFromZero(values[base + j]! * inverse));
  }
  return out;
}

/**
 * What whisper.cpp's quantize tool writes for a q5_1 model: it reads the f16 model, so each value
 * is first rounded to half precision, then ggml's quantize_row_q5_1_ref runs in float32 arithmetic
 * (Math.fround at each step): per 32 values, m = min, d = (max - min) / 31, q = trunc((x - m) / d + 0.5).
 */
function encodeQ5_1(values: Float32Array): Uint8Array {
  if (values.length % QK !== 0) throw new AppError("INTERNAL", `q5_1 needs a multiple of ${QK} values`);
  const toHalf = float16Encoder();
  const f = Math.fround;
  const x = new Float32Array(QK);
  const out = new Uint8Array((values.length / QK) * Q5_1_BLOCK_BYTES);
  const view = new DataView(out.buffer);
  for (let b = 0; b < values.length / QK; b++) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < QK; j++) {
      const v = float16BitsToFloat32(toHalf(values[b * QK + j]!));
      x[j] = v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const d = f(f(max - min) / 31);
    const inverse = d ? f(1 / d) : 0;
    const offset = b * Q5_1_BLOCK_BYTES;
    view.setUint16(offset, toHalf(d), true);
    view.setUint16(offset + 2, toHalf(min), true);
    let qh = 0;
    for (let j = 0; j < QK / 2; j++) {
      const low = Math.trunc(f(f(f(x[j]! - min) * inverse) + 0.5)) & 0xff;
      const high = Math.trunc(f(f(f(x[j + QK / 2]! - min) * inverse) + 0.5)) & 0xff;
      out[offset + 8 + j] = (low & 0x0f) | ((high & 0x0f) << 4);
      qh |= ((low & 0x10) >>> 4) << j;
      qh |= ((high & 0x10) >>> 4) << (j + QK / 2);
    }
    view.setUint32(offset + 4, qh >>> 0, true);
  }
  return out;
}

/** C's roundf, which ggml uses (Math.round rounds -2.5 to -2). */
function roundHalfAwayFromZero(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}

/** block_q5_1: f16 d, f16 m, 32-bit high bits, 16 bytes of low nibbles; value = d * q + m. */
function decodeQ5_1Block(view: DataView, block: number, out: Float32Array): void {
  const offset = block * Q5_1_BLOCK_BYTES;
  const d = float16BitsToFloat32(view.getUint16(offset, true));
  const m = float16BitsToFloat32(view.getUint16(offset + 2, true));
  const qh = view.getUint32(offset + 4, true);
  for (let j = 0; j < QK / 2; j++) {
    const packed = view.getUint8(offset + 8 + j);
    const low = (packed & 0x0f) | (((qh >>> j) & 1) << 4);
    const high = (packed >>> 4) | (((qh >>> (j + 16)) & 1) << 4);
    out[block * QK + j] = low * d + m;
    out[block * QK + j + QK / 2] = high * d + m;
  }
}
