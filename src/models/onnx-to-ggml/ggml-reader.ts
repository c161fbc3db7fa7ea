/**
 * Reads a whisper.cpp ggml model file into plain data: header, mel filters, vocabulary and a table
 * of tensors whose values are decoded on demand (a model is tens of millions of values).
 */
import { AppError } from "../../errors.ts";
import { decodeTensor, encodedByteLength, type GgmlTypeId } from "./ggml-types.ts";
import { GGML_MAGIC, type GgmlModelHeader } from "./ggml-model.ts";
import { HPARAM_ORDER, type WhisperHparams } from "./hparams.ts";

export interface GgmlTensorEntry {
  name: string;
  type: GgmlTypeId;
  /** As stored: ggml order, PyTorch's reversed. */
  dims: number[];
  elements: number;
  bytes: Uint8Array;
}

export interface GgmlModelFile extends GgmlModelHeader {
  tensors: GgmlTensorEntry[];
}

export function readGgmlModel(file: Uint8Array): GgmlModelFile {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  let offset = 0;
  const need = (n: number) => {
    if (offset + n > file.byteLength) throw new AppError("MODEL_INVALID", "ggml model file is truncated");
  };
  const int32 = () => {
    need(4);
    const value = view.getInt32(offset, true);
    offset += 4;
    return value;
  };
  const uint32 = () => {
    need(4);
    const value = view.getUint32(offset, true);
    offset += 4;
    return value;
  };
  const bytes = (n: number) => {
    need(n);
    const slice = file.subarray(offset, offset + n);
    offset += n;
    return slice;
  };
  if (file.byteLength < 4 || view.getUint32(0, true) !== GGML_MAGIC) {
    throw new AppError("MODEL_INVALID", "not a ggml model file (bad magic)");
  }
  offset = 4;
  const hparams = {} as WhisperHparams;
  for (const key of HPARAM_ORDER) hparams[key] = int32();
  const ftype = int32();
  const nMel = int32();
  const nFft = int32();
  const melBytes = bytes(nMel * nFft * 4);
  const mel = { nMel, nFft, data: new Float32Array(new Uint8Array(melBytes).buffer) };
  const vocabulary: Uint8Array[] = [];
  const nVocab = int32();
  for (let i = 0; i < nVocab; i++) vocabulary.push(bytes(uint32()));
  const tensors: GgmlTensorEntry[] = [];
  while (offset < file.byteLength) {
    const nDims = int32();
    const nameLength = int32();
    const type = int32() as GgmlTypeId;
    const dims = Array.from({ length: nDims }, () => int32());
    const name = Buffer.from(bytes(nameLength)).toString("utf8");
    const elements = dims.reduce((count, dim) => count * dim, 1);
    tensors.push({ name, type, dims, elements, bytes: bytes(encodedByteLength(type, elements)) });
  }
  return { hparams, ftype, mel, vocabulary, tensors };
}

export function tensorValues(entry: GgmlTensorEntry): Float32Array {
  return decodeTensor(entry.type, entry.bytes, entry.elements);
}
