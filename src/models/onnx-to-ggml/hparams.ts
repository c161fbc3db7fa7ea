/**
 * Whisper hyper-parameters in the order whisper.cpp reads them, from a Transformers `config.json`.
 */
import { AppError } from "../../errors.ts";

export interface WhisperHparams {
  nVocab: number;
  nAudioCtx: number;
  nAudioState: number;
  nAudioHead: number;
  nAudioLayer: number;
  nTextCtx: number;
  nTextState: number;
  nTextHead: number;
  nTextLayer: number;
  nMels: number;
}

/** The file header's order (whisper_model_load reads them in this order, then ftype). */
export const HPARAM_ORDER: ReadonlyArray<keyof WhisperHparams> = [
  "nVocab",
  "nAudioCtx",
  "nAudioState",
  "nAudioHead",
  "nAudioLayer",
  "nTextCtx",
  "nTextState",
  "nTextHead",
  "nTextLayer",
  "nMels",
];

export function hparamsFromConfig(config: unknown): WhisperHparams {
  if (typeof config !== "object" || config === null) {
    throw new AppError("MODEL_INVALID", "config.json is not an object");
  }
  const record = config as Record<string, unknown>;
  const field = (key: string): number => {
    const value = record[key];
    if (typeof value !== "number" || !Number.isInteger(value) || value <= 0) {
      throw new AppError("MODEL_INVALID", `config.json: ${key} must be a positive integer`);
    }
    return value;
  };
  if (record.model_type !== "whisper") {
    throw new AppError("MODEL_INVALID", `config.json: model_type is ${String(record.model_type)}, not whisper`);
  }
  // Whisper's encoder and decoder share one width; whisper.cpp has a field for each.
  const dModel = field("d_model");
  return {
    nVocab: field("vocab_size"),
    nAudioCtx: field("max_source_positions"),
    nAudioState: dModel,
    nAudioHead: field("encoder_attention_heads"),
    nAudioLayer: field("encoder_layers"),
    nTextCtx: field("max_target_positions"),
    nTextState: dModel,
    nTextHead: field("decoder_attention_heads"),
    nTextLayer: field("decoder_layers"),
    nMels: field("num_mel_bins"),
  };
}
