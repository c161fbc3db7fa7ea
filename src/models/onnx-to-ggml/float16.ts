/**
 * IEEE 754 half precision, as ggml stores it (round to nearest, ties to even). Node 20 has no
 * Float16Array, so the conversion goes through the float32 bit pattern.
 */
export function float32ToFloat16Bits(value: number, scratch: Float32Array, scratchBits: Uint32Array): number {
  scratch[0] = value;
  const x = scratchBits[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exponent = (x >>> 23) & 0xff;
  let mantissa = x & 0x7fffff;
  if (exponent === 0xff) return sign | 0x7c00 | (mantissa ? 0x200 : 0); // Inf or NaN
  const halfExponent = exponent - 127 + 15;
  if (halfExponent >= 0x1f) return sign | 0x7c00; // overflow -> Inf
  if (halfExponent <= 0) {
    if (halfExponent < -10) return sign; // underflow -> signed zero
    mantissa |= 0x800000; // subnormal half: shift the implicit bit in
    const shift = 14 - halfExponent;
    const half = mantissa >>> shift;
    const remainder = mantissa & ((1 << shift) - 1);
    const halfway = 1 << (shift - 1);
    const roundUp = remainder > halfway || (remainder === halfway && (half & 1) === 1);
    return sign | (half + (roundUp ? 1 : 0));
  }
  const half = (halfExponent << 10) | (mantissa >>> 13);
  const remainder = mantissa & 0x1fff;
  // A carry out of the mantissa correctly bumps the exponent (and overflows to Inf at the top).
  const roundUp = remainder > 0x1000 || (remainder === 0x1000 && (half & 1) === 1);
  return sign | (half + (roundUp ? 1 : 0));
}

export function float16BitsToFloat32(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exponent = (bits >>> 10) & 0x1f;
  const mantissa = bits & 0x3ff;
  if (exponent === 0) return sign * mantissa * 2 ** -24;
  if (exponent === 0x1f) return mantissa ? Number.NaN : sign * Number.POSITIVE_INFINITY;
  return sign * (1 + mantissa / 1024) * 2 ** (exponent - 15);
}

/** A converter with its own scratch buffers: no shared module state. */
export function float16Encoder(): (value: number) => number {
  const scratch = new Float32Array(1);
  const bits = new Uint32Array(scratch.buffer);
  return (value) => float32ToFloat16Bits(value, scratch, bits);
}
