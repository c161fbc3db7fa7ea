import wavefile from "wavefile";

/** WAV format tags that audio-decode reads (0xFFFE, extensible, wraps one of the others). */
const DECODABLE_WAV_CODECS = new Set([0x0001, 0x0002, 0x0003, 0x0006, 0x0007, 0x0011, 0xfffe]);
/** Names of codecs call recorders use that no decoder here reads, for a clearer error. */
const WAV_CODEC_NAMES: Readonly<Record<number, string>> = {
  0x0031: "GSM 6.10",
  0x0040: "G.721 ADPCM",
  0x0045: "G.726 ADPCM",
  0x0055: "MPEG layer 3",
  0x0064: "G.726 ADPCM",
};

/**
 * The codec of a WAV whose header is readable but whose codec nothing here decodes, as
 * "GSM 6.10 (0x0031)"; undefined when the codec is decodable or the header unreadable (the
 * decoder then reports what is wrong with it).
 */
export function unsupportedWavCodec(bytes: Uint8Array): string | undefined {
  const header = new wavefile.WaveFile();
  try {
    header.fromBuffer(bytes, false);
  } catch {
    return undefined;
  }
  const tag = (header.fmt as { audioFormat: number }).audioFormat;
  if (DECODABLE_WAV_CODECS.has(tag)) return undefined;
  const hex = `0x${tag.toString(16).padStart(4, "0")}`;
  const name = WAV_CODEC_NAMES[tag];
  return name ? `${name} (${hex})` : hex;
}

/**
 * audio-decode's WAV reader skips chunks without RIFF's word alignment, so an odd-sized chunk
 * (a LIST or junk chunk some recorders write) before the data hides the data. wavefile reads
 * such files correctly and writes them back in canonical layout; undefined if it cannot read it.
 */
export function canonicalWav(bytes: Uint8Array): Uint8Array | undefined {
  try {
    return new wavefile.WaveFile(bytes).toBuffer();
  } catch {
    return undefined;
  }
}
