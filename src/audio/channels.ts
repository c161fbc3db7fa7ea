/**
 * Two channels count as one signal when their difference is at least 40 dB below the signal:
 * a mono source saved as stereo, exactly or through a lossy codec that left both sides a hair
 * apart. A real dual-channel call (agent and customer apart) differs by far more.
 */
const SAME_SIGNAL_MAX_DIFFERENCE_RATIO = 1e-4;

export function isSameSignal(a: Float32Array, b: Float32Array): boolean {
  if (a.length !== b.length) return false;
  let signalEnergy = 0;
  let differenceEnergy = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const d = x - b[i]!;
    signalEnergy += x * x;
    differenceEnergy += d * d;
  }
  if (differenceEnergy === 0) return true;
  return differenceEnergy <= signalEnergy * SAME_SIGNAL_MAX_DIFFERENCE_RATIO;
}

/**
 * The channels that carry distinct signals: a recording whose channels all hold the same signal
 * is really mono and comes back as its first channel; otherwise every channel is kept, in order,
 * since the channel index is what tells agent from customer.
 */
export function distinctChannels(channels: Float32Array[]): Float32Array[] {
  const [first, ...others] = channels;
  if (!first) return [];
  return others.every((other) => isSameSignal(first, other)) ? [first] : channels;
}
