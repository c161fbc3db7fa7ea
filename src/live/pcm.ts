import type { ChannelLayout } from "./protocol.ts";

export type LiveSpeaker = "agent" | "customer";

/** Samples of one binary frame, per speaker, as floats in [-1, 1] at the session's sample rate. */
export type PcmFrame = Partial<Record<LiveSpeaker, Float32Array>>;

function int16ToFloat(view: DataView, offset: number, count: number, stride: number): Float32Array {
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) out[i] = view.getInt16(offset + i * stride, true) / 32768;
  return out;
}

/**
 * Decodes one binary frame of 16-bit little-endian PCM. Stereo: interleaved agent (left) and
 * customer (right). Mono: one speaker per frame, named by the first byte (0 agent, 1 customer).
 * Returns a reason string for a frame that does not fit the layout.
 */
export function decodePcmFrame(bytes: Uint8Array, layout: ChannelLayout): PcmFrame | string {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (layout === "stereo") {
    if (bytes.byteLength % 4 !== 0) return "a stereo frame holds whole 4-byte sample pairs";
    const frames = bytes.byteLength / 4;
    return { agent: int16ToFloat(view, 0, frames, 4), customer: int16ToFloat(view, 2, frames, 4) };
  }
  if (bytes.byteLength < 1 || (bytes.byteLength - 1) % 2 !== 0) return "a mono frame is one speaker byte then whole 2-byte samples";
  const speaker = bytes[0] === 0 ? "agent" : bytes[0] === 1 ? "customer" : null;
  if (!speaker) return "the first byte of a mono frame is 0 (agent) or 1 (customer)";
  return { [speaker]: int16ToFloat(view, 1, (bytes.byteLength - 1) / 2, 2) };
}
