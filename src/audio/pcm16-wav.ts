/** Bytes of the canonical header of a 16-bit PCM WAV file (RIFF, fmt and data chunk headers). */
export const PCM16_WAV_HEADER_BYTES = 44;

/**
 * The header of a 16-bit PCM WAV holding `frames` sample frames, for writers that stream the
 * samples after it (so the whole file never sits in memory).
 */
export function pcm16WavHeader(channels: number, sampleRate: number, frames: number): Buffer {
  const dataBytes = frames * channels * 2;
  const header = Buffer.alloc(PCM16_WAV_HEADER_BYTES);
  header.write("RIFF", 0, "ascii");
  header.writeUInt32LE(36 + dataBytes, 4);
  header.write("WAVE", 8, "ascii");
  header.write("fmt ", 12, "ascii");
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write("data", 36, "ascii");
  header.writeUInt32LE(dataBytes, 40);
  return header;
}

/** Float samples in [-1, 1] as 16-bit little-endian PCM; the inverse of dividing by 32768, so 16-bit input comes back unchanged. */
export function floatToPcm16(samples: Float32Array): Buffer {
  const out = Buffer.alloc(samples.length * 2);
  for (let i = 0; i < samples.length; i++) {
    out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i]! * 32768))), i * 2);
  }
  return out;
}
