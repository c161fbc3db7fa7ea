// Three recorded fixture calls streamed in real time in audio mode (recordings-fixtures/, made by
// scripts/gen-fixtures.ts): the live verdict must be the labelled one, and the pitch alert must
// come while the call is still going, not with the verdict.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeAudio } from "../../src/audio/decode.ts";
import { WhisperUtteranceTranscriber } from "../../src/live/whisper-transcriber.ts";
import { streamStereoPcm } from "./audio-stream.ts";
import { LiveClient, startLiveServer, type LiveTestServer } from "./harness.ts";

const MANIFEST = path.resolve("recordings-fixtures/manifest.json");
const MODEL = path.resolve("models/ggml-base-q8_0.bin");
const FIXTURE_COUNT = 3;

interface FixtureEntry {
  file: string;
  language: "fr" | "en";
  channels: "stereo" | "mono";
  model?: "base" | "small";
  settings: { brands: string[]; callCentres: string[]; dataSources: string[]; calledAt: string; recorded: boolean; leadOrigin: "third_party" | "own_customers" };
  expected: { verdict: string; elements?: Record<string, string> };
  durationSec?: number;
}

/** Stereo calls that base is meant to hear, shortest first (real-time replay costs their length). */
function pickFixtures(): FixtureEntry[] {
  const entries = JSON.parse(readFileSync(MANIFEST, "utf8")) as FixtureEntry[];
  return entries
    .filter((e) => e.expected && "verdict" in e.expected && e.channels === "stereo" && (e.model ?? "base") === "base")
    .sort((a, b) => (a.durationSec ?? 0) - (b.durationSec ?? 0))
    .slice(0, FIXTURE_COUNT);
}

describe.skipIf(!existsSync(MANIFEST))("audio fixtures replayed live in real time", () => {
  let server: LiveTestServer;
  let transcriber: WhisperUtteranceTranscriber;

  beforeAll(async () => {
    transcriber = new WhisperUtteranceTranscriber({ modelPath: MODEL, threads: 2 });
    server = await startLiveServer({ transcriber });
  });
  afterAll(async () => {
    await server?.stop();
    await transcriber?.close();
  });

  it("has three fixtures to replay", () => {
    expect(pickFixtures()).toHaveLength(FIXTURE_COUNT);
  });

  it.each(existsSync(MANIFEST) ? pickFixtures().map((f) => [f.file, f] as const) : [])(
    "%s: the live verdict is the labelled one; the pitch alert comes during the call",
    async (_file, fixture) => {
      const decoded = await decodeAudio(readFileSync(path.resolve("recordings-fixtures", fixture.file)), fixture.file);
      const { calledAt, ...settings } = fixture.settings;
      const campaign = await server.addCampaign("key-a", settings, fixture.language);
      const client = await LiveClient.connect(server.url);
      client.send({ type: "open", token: "key-a", campaign, calledAt, channels: "stereo", sampleRate: decoded.sampleRate });
      await client.waitType("opened");
      const call = { sampleRate: decoded.sampleRate, agent: decoded.channels[0]!, customer: decoded.channels[1]!, lines: [] };
      await streamStereoPcm(client, call, 1);
      const streamedAt = performance.now();
      client.send({ type: "close" });
      const verdict = await client.waitType("verdict", 60_000);
      expect(verdict.verdict).toBe(fixture.expected.verdict);
      const pitchAlert = client.messages.find((m) => m.msg.type === "alert" && m.msg.kind === "PITCH_BEFORE_DISCLOSURE");
      if (verdict.pitchOnset && verdict.elements.some((e: { status: string }) => e.status === "missing" || e.status === "late")) {
        expect(pitchAlert).toBeDefined();
        expect(pitchAlert!.at).toBeLessThan(streamedAt);
      }
    },
    600_000,
  );
});
