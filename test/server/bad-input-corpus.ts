// A corpus of malformed "recordings", generated (deterministically) rather than stored: broken
// WAV headers of every kind, other containers cut short, non-audio files, noise.
import { pseudoRandomBytes } from "../../scripts/fixtures/corrupt.ts";
import { wavBytes } from "./harness.ts";

export interface BadFile {
  name: string;
  bytes: Buffer;
  /** The decoder reads it as (noise) audio: accepted at upload, which is right for a well-formed stream. */
  decodes?: true;
}

/** Deterministic noise (the fixtures' PRNG), so the corpus is the same on every run. */
function noise(length: number, seed: number): Buffer {
  return Buffer.from(pseudoRandomBytes(length, seed));
}

interface WavFields {
  riff?: string;
  wave?: string;
  fmtId?: string;
  fmtSize?: number;
  format?: number;
  channels?: number;
  sampleRate?: number;
  byteRate?: number;
  blockAlign?: number;
  bits?: number;
  dataId?: string;
  dataSize?: number;
}

/** A WAV header with chosen fields wrong, followed by `payload`. */
function wav(fields: WavFields, payload: Buffer = noise(256, 7)): Buffer {
  const h = Buffer.alloc(44);
  h.write(fields.riff ?? "RIFF", 0, "latin1");
  h.writeUInt32LE(36 + payload.length, 4);
  h.write(fields.wave ?? "WAVE", 8, "latin1");
  h.write(fields.fmtId ?? "fmt ", 12, "latin1");
  h.writeUInt32LE(fields.fmtSize ?? 16, 16);
  h.writeUInt16LE(fields.format ?? 1, 20);
  h.writeUInt16LE(fields.channels ?? 1, 22);
  h.writeUInt32LE(fields.sampleRate ?? 8000, 24);
  h.writeUInt32LE(fields.byteRate ?? 16000, 28);
  h.writeUInt16LE(fields.blockAlign ?? 2, 32);
  h.writeUInt16LE(fields.bits ?? 16, 34);
  h.write(fields.dataId ?? "data", 36, "latin1");
  h.writeUInt32LE(fields.dataSize ?? payload.length, 40);
  return Buffer.concat([h, payload]);
}

const text = (s: string) => Buffer.from(s, "utf8");
const cat = (...parts: Array<Buffer | string | number[]>) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Array.isArray(p) ? Buffer.from(p) : p)));

export function badRecordings(): BadFile[] {
  const good = wavBytes(0.5);
  const files: BadFile[] = [
    { name: "notes.wav", bytes: text("Compte rendu d'appel : le client rappellera lundi.\n") },
    { name: "page.wav", bytes: text("<!doctype html><html><body><script>alert(1)</script></body></html>") },
    { name: "data.wav", bytes: text(JSON.stringify({ utterances: [{ speaker: "agent", text: "bonjour" }] })) },
    { name: "utf16.wav", bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("texte en UTF-16", "utf16le")]) },
    { name: "image.png.wav", bytes: cat([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], noise(300, 1)) },
    { name: "photo.jpg.wav", bytes: cat([0xff, 0xd8, 0xff, 0xe0], noise(300, 2)) },
    { name: "doc.pdf.wav", bytes: cat("%PDF-1.7\n", noise(300, 3)) },
    { name: "archive.zip.wav", bytes: cat([0x50, 0x4b, 0x03, 0x04], noise(300, 4)) },
    { name: "program.wav", bytes: cat([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], noise(300, 5)) },
    { name: "noise-1k.wav", bytes: noise(1024, 11) },
    { name: "noise-64k.mp3", bytes: noise(64 * 1024, 12) },
    { name: "noise-1m.ogg", bytes: noise(1024 * 1024, 13) },
    { name: "zeros.wav", bytes: Buffer.alloc(4096) },
    { name: "ones.wav", bytes: Buffer.alloc(4096, 0xff) },
    { name: "riff-only.wav", bytes: cat("RIFF") },
    { name: "riff-wave-only.wav", bytes: cat("RIFF", [4, 0, 0, 0], "WAVE") },
    { name: "header-cut.wav", bytes: good.subarray(0, 30) },
    { name: "header-only.wav", bytes: wav({ dataSize: 0 }, Buffer.alloc(0)) },
    { name: "no-data-chunk.wav", bytes: wav({ dataId: "junk" }) },
    { name: "no-fmt-chunk.wav", bytes: wav({ fmtId: "fmx " }) },
    { name: "not-wave.wav", bytes: wav({ wave: "AVI " }) },
    { name: "rifx.wav", bytes: wav({ riff: "RIFX" }) },
    { name: "zero-channels.wav", bytes: wav({ channels: 0 }) },
    { name: "65535-channels.wav", bytes: wav({ channels: 65535 }) },
    { name: "zero-rate.wav", bytes: wav({ sampleRate: 0, byteRate: 0 }) },
    { name: "huge-rate.wav", bytes: wav({ sampleRate: 0xffffffff }) },
    { name: "rate-7hz.wav", bytes: wav({ sampleRate: 7, byteRate: 14 }) },
    { name: "zero-bits.wav", bytes: wav({ bits: 0 }) },
    { name: "7-bits.wav", bytes: wav({ bits: 7 }) },
    { name: "64k-bits.wav", bytes: wav({ bits: 65535 }) },
    { name: "zero-block-align.wav", bytes: wav({ blockAlign: 0 }) },
    { name: "gsm.wav", bytes: wav({ format: 0x0031 }) },
    { name: "g726.wav", bytes: wav({ format: 0x0045 }) },
    { name: "unknown-codec.wav", bytes: wav({ format: 0x9999 }) },
    { name: "fmt-size-max.wav", bytes: wav({ fmtSize: 0xffffffff }) },
    { name: "fmt-size-zero.wav", bytes: wav({ fmtSize: 0 }) },
    { name: "data-size-lies.wav", bytes: wav({ dataSize: 0xfffffff0 }, Buffer.alloc(0)) },
    { name: "one-odd-byte.wav", bytes: wav({ dataSize: 1 }, Buffer.from([0x12])) },
    { name: "extensible-cut.wav", bytes: wav({ format: 0xfffe, fmtSize: 40 }) },
    { name: "id3-junk.mp3", bytes: cat("ID3", [4, 0, 0, 0, 0, 0, 10], noise(200, 21)) },
    { name: "id3-huge-tag.mp3", bytes: cat("ID3", [4, 0, 0, 0x7f, 0x7f, 0x7f, 0x7f], noise(200, 22)) },
    // MPEG frames carry no checksum: a frame header followed by noise is a valid (noisy) MP3.
    { name: "mp3-sync-noise.mp3", bytes: cat([0xff, 0xfb, 0x90, 0x64], noise(2000, 23)), decodes: true },
    { name: "mp3-headers-only.mp3", bytes: Buffer.concat(Array.from({ length: 50 }, () => Buffer.from([0xff, 0xfb, 0x90, 0x64]))) },
    { name: "ogg-junk.ogg", bytes: cat("OggS", [0, 2], noise(500, 31)) },
    { name: "ogg-vorbis-cut.ogg", bytes: cat("OggS", [0, 2], Buffer.alloc(20), [1], [30], [1], "vorbis") },
    { name: "ogg-opus-cut.opus", bytes: cat("OggS", [0, 2], Buffer.alloc(20), [1], [19], "OpusHead", [1, 1]) },
    { name: "flac-junk.flac", bytes: cat("fLaC", noise(500, 41)) },
    { name: "flac-zero-streaminfo.flac", bytes: cat("fLaC", [0x80, 0, 0, 34], Buffer.alloc(34)) },
    { name: "m4a-junk.m4a", bytes: cat([0, 0, 0, 0x20], "ftypM4A ", noise(500, 51)) },
    { name: "adts-junk.aac", bytes: cat([0xff, 0xf1, 0x50, 0x80], noise(500, 52)) },
    { name: "midi.mid", bytes: cat("MThd", [0, 0, 0, 6, 0, 0, 0, 1, 0, 0x60], "MTrk", [0, 0, 0, 4, 0, 0xff, 0x2f, 0]) },
    { name: "aiff-junk.aiff", bytes: cat("FORM", [0, 0, 1, 0], "AIFF", noise(300, 61)) },
    { name: "webm-junk.webm", bytes: cat([0x1a, 0x45, 0xdf, 0xa3], noise(500, 62)) },
    // AMR frames are a header byte and codec bits without a checksum: noise after the magic decodes.
    { name: "amr-noise.amr", bytes: cat("#!AMR\n", noise(500, 63)), decodes: true },
    { name: "wav-then-noise.wav", bytes: Buffer.concat([good.subarray(0, 12), noise(4000, 71)]) },
    { name: "two-riff-headers.wav", bytes: Buffer.concat([good.subarray(0, 12), good.subarray(0, 44)]) },
  ];
  return files;
}
