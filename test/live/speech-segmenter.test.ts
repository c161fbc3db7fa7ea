import { beforeAll, describe, expect, it } from "vitest";
import { SpeechSegmenter, type SpeechSegment } from "../../src/live/speech-segmenter.ts";
import { synthesizeCall, type TwoTrackCall } from "./speech.ts";

let call: TwoTrackCall;
beforeAll(async () => {
  call = await synthesizeCall(
    [
      { speaker: "agent", text: "Bonjour madame, Julie de la société Axiome Contact." },
      { speaker: "customer", text: "Oui, bonjour." },
      { speaker: "agent", text: "Je vous appelle pour le compte de Fibralis." },
      { speaker: "agent", text: "Il s'agit d'un appel commercial." },
    ],
    "fr",
  );
});

function stream(samples: Float32Array, chunkSec = 0.02): { segments: SpeechSegment[]; releasedAt: number[] } {
  const segmenter = new SpeechSegmenter();
  const segments: SpeechSegment[] = [];
  const releasedAt: number[] = [];
  const chunk = Math.round(chunkSec * 16000);
  for (let i = 0; i < samples.length; i += chunk) {
    for (const s of segmenter.push(samples.subarray(i, i + chunk))) {
      segments.push(s);
      releasedAt.push(segmenter.endSec);
    }
  }
  for (const s of segmenter.flush()) {
    segments.push(s);
    releasedAt.push(segmenter.endSec);
  }
  return { segments, releasedAt };
}

describe("SpeechSegmenter", () => {
  it("cuts a track into its utterances at the pauses, soon after each ends", () => {
    const { segments, releasedAt } = stream(call.agent);
    const spoken = call.lines.filter((l) => l.speaker === "agent");
    expect(segments).toHaveLength(spoken.length);
    segments.forEach((segment, i) => {
      expect(segment.start).toBeLessThanOrEqual(spoken[i]!.start + 0.05);
      expect(segment.start).toBeGreaterThan(spoken[i]!.start - 0.5);
      expect(segment.end).toBeGreaterThanOrEqual(spoken[i]!.end - 0.05);
      expect(segment.end).toBeLessThan(spoken[i]!.end + 0.5);
      expect(segment.samples.length).toBe(Math.round((segment.end - segment.start) * 16000));
      // Released within a second of the end of speech, not at the end of the call.
      expect(releasedAt[i]! - spoken[i]!.end).toBeLessThan(1);
    });
  });

  it("finds nothing in silence and keeps its buffer bounded", () => {
    const segmenter = new SpeechSegmenter();
    const chunk = new Float32Array(320);
    for (let i = 0; i < 60 * 50; i++) expect(segmenter.push(chunk)).toEqual([]);
    expect(segmenter.flush()).toEqual([]);
    expect(segmenter.endSec).toBeCloseTo(60, 3);
  });

  it("cuts a long turn at its short pauses between sentences, never inside one", async () => {
    const turn = await synthesizeCall(
      [
        "Vos coordonnées nous ont été transmises par notre partenaire Comparatel.",
        "Vous pouvez à tout moment vous opposer à être rappelée.",
        "Cet appel est susceptible d'être enregistré.",
        "Vous pouvez vous opposer à cet enregistrement.",
      ].map((text) => ({ speaker: "agent" as const, text })),
      "fr",
      0.3,
    );
    const { segments } = stream(turn.agent);
    expect(segments.length).toBeGreaterThanOrEqual(2);
    for (const segment of segments) {
      expect(segment.end - segment.start).toBeLessThan(12);
      for (const line of turn.lines) {
        // A cut never falls inside a sentence.
        expect(segment.end <= line.start + 0.05 || segment.end >= line.end - 0.05).toBe(true);
      }
    }
    expect(segments[0]!.start).toBeLessThan(turn.lines[0]!.start + 0.05);
    expect(segments.at(-1)!.end).toBeGreaterThan(turn.lines.at(-1)!.end - 0.05);
  });

  it("cuts an utterance that never pauses at the length limit", () => {
    const segmenter = new SpeechSegmenter({ maxUtteranceSec: 2 });
    const line = call.agent.subarray(Math.round(call.lines[0]!.start * 16000), Math.round(call.lines[0]!.end * 16000));
    const segments: SpeechSegment[] = [];
    for (let i = 0; i < line.length; i += 320) segments.push(...segmenter.push(line.subarray(i, i + 320)));
    segments.push(...segmenter.flush());
    expect(segments.length).toBeGreaterThanOrEqual(2);
    expect(segments[0]!.end - segments[0]!.start).toBeLessThanOrEqual(2.3);
  });
});
