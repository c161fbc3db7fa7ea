// Three recorded fixture calls streamed in real time in audio mode (recordings-fixtures/, made by
// scripts/gen-fixtures.ts): the live verdict must be the batch one (the whole recording through
// the batch voice detector and whisper's full window, then the engine), and the pitch alert must
// come while the call is still going, not with the verdict. How often both match the hand
// labels is printed: synthetic speech through base is the limit there, live or batch.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { analyzeCall } from "../../src/compliance/analyze.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import type { CallAnalysis } from "../../src/compliance/types.ts";
import { decodeAudio } from "../../src/audio/decode.ts";
import { prepareForAsr } from "../../src/audio/prepare.ts";
import { detectSpeech } from "../../src/audio/vad.ts";
import type { Utterance } from "../../src/transcript/types.ts";
import { WhisperUtteranceTranscriber } from "../../src/live/whisper-transcriber.ts";
import { streamStereoPcm } from "./audio-stream.ts";
import { LiveClient, startLiveServer, type LiveTestServer } from "./harness.ts";

const MANIFEST = path.resolve("recordings-fixtures/manifest.json");
const MODEL = path.resolve("models/ggml-base-q8_0.bin");
const FIXTURE_COUNT = 3;

interface FixtureEntry {
  file: string;
  format: string;
  language: "fr" | "en";
  channels: "stereo" | "mono";
  model?: "base" | "small";
  settings: { brands: string[]; callCentres: string[]; dataSources: string[]; calledAt: string; recorded: boolean; leadOrigin: "third_party" | "own_customers" };
  expected: { verdict: string; elements?: Record<string, string> };
  durationSec?: number;
}

/**
 * Wideband stereo calls that base is meant to hear (base garbles synthetic speech through the
 * 8 kHz telephone band, live or batch): the shortest of each verdict, non-compliant first for the
 * pitch alert, since a real-time replay costs the call's length.
 */
function pickFixtures(): FixtureEntry[] {
  const entries = (JSON.parse(readFileSync(MANIFEST, "utf8")) as FixtureEntry[])
    .filter((e) => e.expected && "verdict" in e.expected && e.channels === "stereo" && /16k/.test(e.format) && (e.model ?? "base") === "base")
    .sort((a, b) => (a.durationSec ?? 0) - (b.durationSec ?? 0));
  return ["non_compliant", "compliant", "not_applicable"]
    .map((verdict) => entries.find((e) => e.expected.verdict === verdict))
    .filter((e): e is FixtureEntry => e !== undefined)
    .slice(0, FIXTURE_COUNT);
}

/** The batch reading of a recording: each channel's voice regions through whisper's full window. */
async function batchAnalysis(bytes: Uint8Array, fixture: FixtureEntry, server: LiveTestServer): Promise<CallAnalysis> {
  const whisper = new WhisperUtteranceTranscriber({ modelPath: MODEL, threads: 2, audioContext: { marginSec: null, minFrames: 0 } });
  try {
    const prepared = await prepareForAsr(bytes, fixture.file);
    const utterances: Utterance[] = [];
    for (const [channel, speaker] of [[0, "agent"], [1, "customer"]] as const) {
      const samples = prepared.channels[channel]!;
      for (const region of detectSpeech(samples)) {
        const heard = await whisper.transcribe(samples.slice(Math.round(region.start * 16000), Math.round(region.end * 16000)), fixture.language);
        if (heard.text.trim()) utterances.push({ speaker, start: region.start, end: region.end, text: heard.text.trim(), speakerConfidence: 1, ...(heard.confidence !== undefined ? { asrConfidence: heard.confidence } : {}) });
      }
    }
    utterances.sort((a, b) => a.start - b.start);
    const { calledAt, ...settings } = fixture.settings;
    return analyzeCall({ utterances, origin: "audio", language: fixture.language }, resolveSettings({ ...settings, calledAt, language: fixture.language }), server.pack);
  } finally {
    await whisper.close();
  }
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
    "%s: the live verdict is the batch one; the pitch alert comes during the call",
    async (_file, fixture) => {
      const bytes = readFileSync(path.resolve("recordings-fixtures", fixture.file));
      const decoded = await decodeAudio(bytes, fixture.file);
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
      const batch = await batchAnalysis(bytes, fixture, server);
      console.log(`${fixture.file}: live ${verdict.verdict}, batch ${batch.verdict}, labelled ${fixture.expected.verdict}`);
      expect(verdict.verdict).toBe(batch.verdict);
      const pitchAlert = client.messages.find((m) => m.msg.type === "alert" && m.msg.kind === "PITCH_BEFORE_DISCLOSURE");
      if (verdict.pitchOnset && verdict.elements.some((e: { status: string }) => e.status === "missing" || e.status === "late")) {
        expect(pitchAlert).toBeDefined();
        expect(pitchAlert!.at).toBeLessThan(streamedAt);
      }
    },
    600_000,
  );
});
