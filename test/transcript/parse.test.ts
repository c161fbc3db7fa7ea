import { describe, expect, it } from "vitest";
import { parseTranscriptJson } from "../../src/transcript/parse-json.ts";
import { parseTranscriptTxt } from "../../src/transcript/parse-txt.ts";

describe("transcript JSON", () => {
  it("parses utterances and optional settings, sorted by time", () => {
    const { transcript, settings } = parseTranscriptJson(
      JSON.stringify({ settings: { brands: ["X"] }, utterances: [{ speaker: "customer", start: 2, end: 3, text: "b" }, { speaker: "agent", start: 0, end: 2, text: "a" }] }),
    );
    expect(transcript.utterances.map((u) => u.text)).toEqual(["a", "b"]);
    expect(settings.brands).toEqual(["X"]);
  });
  it.each([
    ["not json", "{"],
    ["no utterances", "{}"],
    ["bad speaker", '{"utterances":[{"speaker":"boss","start":0,"end":1,"text":"x"}]}'],
    ["end before start", '{"utterances":[{"speaker":"agent","start":3,"end":1,"text":"x"}]}'],
    ["text not a string", '{"utterances":[{"speaker":"agent","start":0,"end":1,"text":5}]}'],
    ["confidence out of range", '{"utterances":[{"speaker":"agent","start":0,"end":1,"text":"x","asrConfidence":3}]}'],
  ])("refuses %s with TRANSCRIPT_INVALID", (_name, text) => {
    expect(() => parseTranscriptJson(text)).toThrow(expect.objectContaining({ code: "TRANSCRIPT_INVALID" }));
  });
});

describe("transcript TXT", () => {
  it("parses HH:MM:SS lines; an utterance ends where the next begins", () => {
    const t = parseTranscriptTxt("00:00:01 agent: Bonjour\n00:00:04 customer: Oui ?\n00:01:02 agent: Au revoir et bonne journée");
    expect(t.utterances.map((u) => [u.speaker, u.start, u.end])).toEqual([
      ["agent", 1, 4],
      ["customer", 4, 62],
      ["agent", 62, 64],
    ]);
  });
  it("refuses malformed lines and time going backwards", () => {
    expect(() => parseTranscriptTxt("hello there")).toThrow(expect.objectContaining({ code: "TRANSCRIPT_INVALID" }));
    expect(() => parseTranscriptTxt("00:00:05 agent: a\n00:00:01 agent: b")).toThrow(/back in time/);
    expect(() => parseTranscriptTxt("\n\n")).toThrow(expect.objectContaining({ code: "INPUT_EMPTY" }));
  });
});
