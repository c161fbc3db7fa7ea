/**
 * whisper.cpp's tensor names and shapes, and the map from the Transformers (PyTorch) parameter
 * names to them (the same map as whisper.cpp's models/convert-h5-to-ggml.py).
 * Shapes are PyTorch's; the ggml file lists them reversed.
 */
import { AppError } from "../../errors.ts";
import type { WhisperHparams } from "./hparams.ts";

export type ModelPart = "encoder" | "decoder";

export interface ExpectedTensor {
  /** whisper.cpp's name, e.g. "decoder.blocks.0.cross_attn.query.weight". */
  name: string;
  part: ModelPart;
  /** The Transformers parameter name inside that part, e.g. "layers.0.encoder_attn.q_proj.weight". */
  source: string;
  shape: number[];
}

const BLOCK_MODULES: ReadonlyArray<[transformers: string, whisperCpp: string]> = [
  ["self_attn.q_proj", "attn.query"],
  ["self_attn.k_proj", "attn.key"],
  ["self_attn.v_proj", "attn.value"],
  ["self_attn.out_proj", "attn.out"],
  ["self_attn_layer_norm", "attn_ln"],
  ["encoder_attn.q_proj", "cross_attn.query"],
  ["encoder_attn.k_proj", "cross_attn.key"],
  ["encoder_attn.v_proj", "cross_attn.value"],
  ["encoder_attn.out_proj", "cross_attn.out"],
  ["encoder_attn_layer_norm", "cross_attn_ln"],
  ["fc1", "mlp.0"],
  ["fc2", "mlp.2"],
  ["final_layer_norm", "mlp_ln"],
];

/** Every tensor whisper.cpp's loader requires, in its declaration order. */
export function expectedTensors(h: WhisperHparams): ExpectedTensor[] {
  const enc = h.nAudioState;
  const dec = h.nTextState;
  const tensors: ExpectedTensor[] = [
    { name: "encoder.positional_embedding", part: "encoder", source: "embed_positions.weight", shape: [h.nAudioCtx, enc] },
    { name: "encoder.conv1.weight", part: "encoder", source: "conv1.weight", shape: [enc, h.nMels, 3] },
    // convert-pt-to-ggml.py reshapes conv biases to (n, 1) so they broadcast over time in ggml.
    { name: "encoder.conv1.bias", part: "encoder", source: "conv1.bias", shape: [enc, 1] },
    { name: "encoder.conv2.weight", part: "encoder", source: "conv2.weight", shape: [enc, enc, 3] },
    { name: "encoder.conv2.bias", part: "encoder", source: "conv2.bias", shape: [enc, 1] },
    { name: "encoder.ln_post.weight", part: "encoder", source: "layer_norm.weight", shape: [enc] },
    { name: "encoder.ln_post.bias", part: "encoder", source: "layer_norm.bias", shape: [enc] },
    { name: "decoder.positional_embedding", part: "decoder", source: "embed_positions.weight", shape: [h.nTextCtx, dec] },
    { name: "decoder.token_embedding.weight", part: "decoder", source: "embed_tokens.weight", shape: [h.nVocab, dec] },
    { name: "decoder.ln.weight", part: "decoder", source: "layer_norm.weight", shape: [dec] },
    { name: "decoder.ln.bias", part: "decoder", source: "layer_norm.bias", shape: [dec] },
  ];
  for (let i = 0; i < h.nAudioLayer; i++) tensors.push(...blockTensors("encoder", i, enc, false));
  for (let i = 0; i < h.nTextLayer; i++) tensors.push(...blockTensors("decoder", i, dec, true));
  return tensors;
}

function blockTensors(part: ModelPart, index: number, n: number, crossAttention: boolean): ExpectedTensor[] {
  const linear = (module: string, rows: number, cols: number, bias: boolean) => [
    { module, suffix: "weight", shape: [rows, cols] },
    ...(bias ? [{ module, suffix: "bias", shape: [rows] }] : []),
  ];
  const norm = (module: string) => [
    { module, suffix: "weight", shape: [n] },
    { module, suffix: "bias", shape: [n] },
  ];
  // Whisper's key projections have no bias (nn.Linear(bias=False) in openai/whisper).
  const attention = (prefix: string) => [
    ...norm(`${prefix}_ln`),
    ...linear(`${prefix}.query`, n, n, true),
    ...linear(`${prefix}.key`, n, n, false),
    ...linear(`${prefix}.value`, n, n, true),
    ...linear(`${prefix}.out`, n, n, true),
  ];
  const entries = [
    ...norm("mlp_ln"),
    ...linear("mlp.0", 4 * n, n, true),
    ...linear("mlp.2", n, 4 * n, true),
    ...attention("attn"),
    ...(crossAttention ? attention("cross_attn") : []),
  ];
  return entries.map(({ module, suffix, shape }) => ({
    name: `${part}.blocks.${index}.${module}.${suffix}`,
    part,
    source: `layers.${index}.${transformersModule(module)}.${suffix}`,
    shape,
  }));
}

function transformersModule(whisperCppModule: string): string {
  const entry = BLOCK_MODULES.find(([, whisperCpp]) => whisperCpp === whisperCppModule);
  if (!entry) throw new AppError("INTERNAL", `no Transformers module for ${whisperCppModule}`);
  return entry[0];
}
