import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodeAudio } from "../../src/audio/decode.ts";
import { LiveRecording } from "../../src/live/live-recording.ts";
import { decodedInt16 as int16, sentInt16 as sent } from "./audio-stream.ts";

let dir: string;
let n = 0;
const tempPath = (suffix: string) => path.join(dir, `rec-${++n}${suffix}`);

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "live-recording-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** 16-bit values as the floats the live decoders produce (v / 32768). */
const pcm = (...values: number[]) => Float32Array.from(values, (v) => v / 32768);
const ramp = (length: number, from: number) => Float32Array.from({ length }, (_, i) => (((from + i * 7) % 60000) - 30000) / 32768);

async function bytesOf(recording: LiveRecording): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of recording.wav()) chunks.push(chunk as Buffer);
  return new Uint8Array(Buffer.concat(chunks));
}

describe("LiveRecording", () => {
  it("interleaves the two tracks into a stereo WAV (agent left) that decodes back to the samples sent", async () => {
    const recording = new LiveRecording({ sampleRate: 8000, tempPath, maxBytes: 1 << 20 });
    // Frames of uneven sizes, tracks pushed in turn, longer than one assembly chunk (32,768 frames).
    const agent = ramp(40_000, 3);
    const customer = ramp(38_000, 11);
    for (let i = 0; i < 40_000; i += 160) {
      recording.push("agent", agent.subarray(i, i + 160));
      if (i < 38_000) recording.push("customer", customer.subarray(i, Math.min(i + 160, 38_000)));
    }
    await recording.end();
    const decoded = await decodeAudio(await bytesOf(recording), "live.wav");
    expect(decoded.sampleRate).toBe(8000);
    expect(decoded.channels).toHaveLength(2);
    expect(decoded.channels[0]!.length).toBe(40_000);
    expect(int16(decoded.channels[0]!)).toEqual(sent(agent));
    expect(int16(decoded.channels[1]!.subarray(0, 38_000))).toEqual(sent(customer));
    // The shorter track ends in silence.
    expect(decoded.channels[1]!.subarray(38_000).every((v) => v === 0)).toBe(true);
  });

  it("stops recording at its size limit and says so", async () => {
    const recording = new LiveRecording({ sampleRate: 16000, tempPath, maxBytes: 44 + 4 * 100 });
    recording.push("agent", pcm(...Array(60).fill(1000)));
    expect(recording.truncated).toBe(false);
    recording.push("agent", pcm(...Array(60).fill(2000)));
    recording.push("customer", pcm(...Array(30).fill(-5)));
    expect(recording.truncated).toBe(true);
    await recording.end();
    const bytes = await bytesOf(recording);
    expect(bytes.byteLength).toBe(44 + 4 * 100);
    const decoded = await decodeAudio(bytes, "live.wav");
    expect(int16(decoded.channels[0]!.subarray(58, 62))).toEqual([1000, 1000, 2000, 2000]);
    expect(int16(decoded.channels[0]!.subarray(99))).toEqual([2000]);
    expect(int16(decoded.channels[1]!.subarray(29, 31))).toEqual([-5, 0]);
  });

  it("clamps samples outside [-1, 1] instead of wrapping around", async () => {
    const recording = new LiveRecording({ sampleRate: 16000, tempPath, maxBytes: 1 << 20 });
    recording.push("agent", Float32Array.of(1.5, -1.5));
    recording.push("customer", Float32Array.of(0, 0));
    await recording.end();
    const decoded = await decodeAudio(await bytesOf(recording), "live.wav");
    expect(int16(decoded.channels[0]!)).toEqual([32767, -32768]);
  });

  it("leaves no temp file behind once discarded", async () => {
    const recording = new LiveRecording({ sampleRate: 16000, tempPath, maxBytes: 1 << 20 });
    recording.push("agent", pcm(1, 2, 3));
    await recording.end();
    expect(fs.readdirSync(dir)).toHaveLength(2);
    await recording.discard();
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it("reports a temp file that cannot be written when the recording ends", async () => {
    const recording = new LiveRecording({ sampleRate: 16000, tempPath: (s) => path.join(dir, "missing", `x${s}`), maxBytes: 1 << 20 });
    recording.push("agent", pcm(1, 2, 3));
    await expect(recording.end()).rejects.toThrow(/ENOENT/);
    await recording.discard();
  });
});
