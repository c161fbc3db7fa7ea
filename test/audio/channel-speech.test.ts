import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectSpeechPerChannel } from "../../src/audio/channel-speech.js";
import { prepareForAsr } from "../../src/audio/prepare.js";
import type { PreparedAudio } from "../../src/audio/types.js";
import { AppError } from "../../src/errors.js";
import { concat, noise } from "./signals.js";

const RATE = 16000;

function prepared(channels: Float32Array[]): PreparedAudio {
  return { channels, durationSec: channels[0]!.length / RATE, sourceFormat: "wav", sourceSampleRate: RATE };
}

describe("detectSpeechPerChannel", () => {
  it("returns each channel's regions in channel order, empty for a silent side", async () => {
    const bytes = new Uint8Array(readFileSync(new URL("fixtures/speech-fr-telephone-8000.wav", import.meta.url)));
    const [sentence] = (await prepareForAsr(bytes)).channels;
    const agent = concat(new Float32Array(RATE), sentence!, new Float32Array(RATE));
    const customer = noise(agent.length, 0.002, 5);
    const regions = detectSpeechPerChannel(prepared([agent, customer]));
    expect(regions).toHaveLength(2);
    expect(regions[0]!.length).toBeGreaterThan(0);
    expect(regions[0]![0]!.start).toBeGreaterThan(0.5);
    expect(regions[1]).toEqual([]);
  });

  it("rejects a recording with no speech on any channel as AUDIO_SILENT", () => {
    const silent = prepared([new Float32Array(RATE * 5), noise(RATE * 5, 0.002, 6)]);
    const thrown = (() => {
      try {
        detectSpeechPerChannel(silent);
      } catch (err) {
        return err;
      }
    })();
    expect(thrown).toBeInstanceOf(AppError);
    expect((thrown as AppError).code).toBe("AUDIO_SILENT");
    expect((thrown as AppError).message).toMatch(/2 channel\(s\) over 5\.0 s/);
  });
});
