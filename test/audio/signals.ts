/** Test signals and measurements shared by the audio tests. */

export function tone(frequencyHz: number, sampleRate: number, seconds: number, amplitude = 0.5): Float32Array {
  const samples = new Float32Array(Math.round(sampleRate * seconds));
  for (let i = 0; i < samples.length; i++) {
    samples[i] = amplitude * Math.sin((2 * Math.PI * frequencyHz * i) / sampleRate);
  }
  return samples;
}

/** Amplitude of the component at one frequency (Goertzel), over the whole signal. */
export function toneAmplitude(samples: Float32Array, sampleRate: number, frequencyHz: number): number {
  const w = (2 * Math.PI * frequencyHz) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(power, 0))) / samples.length;
}

export function rms(samples: Float32Array): number {
  let sum = 0;
  for (const x of samples) sum += x * x;
  return samples.length ? Math.sqrt(sum / samples.length) : 0;
}

/** Deterministic uniform noise in [-amplitude, amplitude] (mulberry32), so failures reproduce. */
export function noise(length: number, amplitude: number, seed = 1): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = amplitude * (((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1);
  }
  return out;
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

export function add(a: Float32Array, b: Float32Array): Float32Array {
  return a.map((x, i) => x + (b[i] ?? 0));
}

/** Brown (1/f^2) noise peaking at `amplitude`: the rumble of traffic, fans and open offices. */
export function brownNoise(length: number, amplitude: number, seed = 1): Float32Array {
  const white = noise(length, 1, seed);
  const out = new Float32Array(length);
  let y = 0;
  for (let i = 0; i < length; i++) {
    // A leaky integrator: 1/f^2 above ~13 Hz at 16 kHz, without drifting off.
    y = 0.995 * y + white[i]!;
    out[i] = y;
  }
  return scaleToPeak(out, amplitude);
}

function scaleToPeak(samples: Float32Array, amplitude: number): Float32Array {
  const peak = samples.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
  return peak > 0 ? samples.map((x) => (x / peak) * amplitude) : samples;
}
