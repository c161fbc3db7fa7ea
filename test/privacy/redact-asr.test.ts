import { afterAll, describe, expect, it } from "vitest";
import wavefile from "wavefile";
import { createAsrEngine } from "../../src/asr/engine.ts";
import type { AsrEngine } from "../../src/asr/types.ts";
import { findModel } from "../../src/models/resolve.ts";
import { transcribeRecording } from "../../src/pipeline/transcribe-recording.ts";
import { redact } from "../../src/privacy/redact.ts";
import { synthesizeCall } from "../live/speech.ts";

const model = findModel("base");

/** A stereo 16 kHz WAV of the synthesized call (agent left), as an upload would bring it. */
function stereoWav(agent: Float32Array, customer: Float32Array): Uint8Array {
  const wav = new wavefile.WaveFile();
  const pcm = (x: Float32Array) => Int16Array.from(x, (v) => Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
  wav.fromScratch(2, 16_000, "16", [pcm(agent), pcm(customer)]);
  return wav.toBuffer();
}

// Redaction on what whisper really writes for spoken numbers (digits, words or a mix), not on
// hand-typed text: a customer reads a phone number and a card number to the agent.
describe.skipIf(!model)("redaction of real ASR output (espeak-ng speech, whisper base)", () => {
  let asr: AsrEngine | undefined;
  const engine = () => (asr ??= createAsrEngine({ modelPath: model!, threads: 2 }));
  afterAll(async () => {
    await asr?.free();
  });

  it("removes a phone number and a card number read aloud, whatever form whisper wrote them in", async () => {
    const call = await synthesizeCall(
      [
        { speaker: "agent", text: "Can I have a phone number to reach you?" },
        { speaker: "customer", text: "Yes, it's 07700 900 461." },
        { speaker: "agent", text: "And the card number for the first payment?" },
        { speaker: "customer", text: "4539 1488 0343 6467." },
      ],
      "en",
    );
    const transcript = await transcribeRecording(stereoWav(call.agent, call.customer), { language: "en", asr: engine() });
    const customer = transcript.utterances.filter((u) => u.speaker === "customer").map((u) => u.text);
    expect(customer.join(" ")).toMatch(/\d|seven|four/i);
    const redacted = customer.map((text) => redact(text));
    // Whisper drops or merges digits ("07700 900 461" came out as "077 09461"; the card number
    // lost its Luhn check): the phone is still a phone, the card at least a redacted number.
    expect(redacted.map((r) => r.found.length > 0)).toEqual([true, true]);
    expect(redacted[0]!.found).toContain("phone");
    expect(["card", "number"]).toContain(redacted[1]!.found[0]);
    // No run of four or more digits survives, written as digits or as words.
    const left = redacted.map((r) => r.text).join(" ");
    expect(left).not.toMatch(/\d{4}|\d[\s-]?\d[\s-]?\d[\s-]?\d/);
    expect(left).not.toMatch(/\b(zero|oh|one|two|three|four|five|six|seven|eight|nine)\b(\W+\b(zero|oh|one|two|three|four|five|six|seven|eight|nine)\b){3}/i);
  }, 300_000);
});
