// Sends a two-track call over a live socket, paced like a phone line (or faster), as raw PCM or as Twilio Media Streams.
import alawmulaw from "alawmulaw";
import { resample } from "../../src/audio/resample.ts";
import type { LiveClient } from "./harness.ts";
import type { TwoTrackCall } from "./speech.ts";
const { mulaw } = alawmulaw;

const FRAME_SEC = 0.02;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A float sample as the 16-bit value sent on the wire. */
export function toInt16(v: number): number {
  return Math.max(-32768, Math.min(32767, Math.round(v * 32768))) || 0;
}

/** The 16-bit values the samples are sent as. */
export const sentInt16 = (samples: Float32Array): number[] => Array.from(samples, toInt16);

/** Decoded WAV samples back to their 16-bit values (the decoder scales positive samples by 1/32767, negative ones by 1/32768). */
export const decodedInt16 = (samples: Float32Array): number[] => Array.from(samples, (v) => Math.round(v < 0 ? v * 32768 : v * 32767) || 0);

/**
 * Paces frames so that frame k leaves at k * FRAME_SEC / speed from the start; calls `onFrame`
 * with the call time (s) reached after each frame.
 */
async function paced(frames: number, speed: number, send: (k: number) => void, onFrame?: (callSec: number, now: number) => void): Promise<void> {
  const t0 = performance.now();
  for (let k = 0; k < frames; k++) {
    const due = t0 + (k * FRAME_SEC * 1000) / speed;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    send(k);
    onFrame?.((k + 1) * FRAME_SEC, performance.now());
  }
}

/** Interleaved 16-bit stereo (agent left, customer right) at the call's rate. */
export async function streamStereoPcm(client: LiveClient, call: TwoTrackCall, speed: number, onFrame?: (callSec: number, now: number) => void): Promise<void> {
  const per = Math.round(call.sampleRate * FRAME_SEC);
  const frames = Math.ceil(call.agent.length / per);
  await paced(
    frames,
    speed,
    (k) => {
      const from = k * per;
      const n = Math.min(per, call.agent.length - from);
      const bytes = Buffer.alloc(n * 4);
      for (let i = 0; i < n; i++) {
        bytes.writeInt16LE(toInt16(call.agent[from + i]!), i * 4);
        bytes.writeInt16LE(toInt16(call.customer[from + i]!), i * 4 + 2);
      }
      client.socket.send(bytes);
    },
    onFrame,
  );
}

/** The Twilio Media Streams sequence for the call: connected, start (with <Parameter>s), media per track, stop. */
export async function streamTwilio(client: LiveClient, call: TwoTrackCall, params: Record<string, string>, speed: number): Promise<void> {
  const agent8k = await resample(call.agent, call.sampleRate, 8000);
  const customer8k = await resample(call.customer, call.sampleRate, 8000);
  const encode = (s: Float32Array) => Buffer.from(mulaw.encode(Int16Array.from(s, toInt16))).toString("base64");
  let seq = 1;
  const streamSid = "MZlivetest";
  client.send({ event: "connected", protocol: "Call", version: "1.0.0" });
  client.send({
    event: "start",
    sequenceNumber: String(seq++),
    streamSid,
    start: {
      streamSid,
      callSid: "CAlivetest",
      tracks: ["inbound", "outbound"],
      mediaFormat: { encoding: "audio/x-mulaw", sampleRate: 8000, channels: 1 },
      customParameters: params,
    },
  });
  const per = 8000 * FRAME_SEC;
  const frames = Math.ceil(agent8k.length / per);
  await paced(frames, speed, (k) => {
    const slice = (s: Float32Array) => s.subarray(k * per, (k + 1) * per);
    const timestamp = String(k * FRAME_SEC * 1000);
    client.send({ event: "media", sequenceNumber: String(seq++), streamSid, media: { track: "outbound", chunk: String(k + 1), timestamp, payload: encode(slice(agent8k)) } });
    client.send({ event: "media", sequenceNumber: String(seq++), streamSid, media: { track: "inbound", chunk: String(k + 1), timestamp, payload: encode(slice(customer8k)) } });
  });
  client.send({ event: "stop", sequenceNumber: String(seq++), streamSid, stop: { callSid: "CAlivetest" } });
}
