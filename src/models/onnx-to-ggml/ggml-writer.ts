/**
 * Writes a whisper.cpp ggml model file. Tensors arrive one at a time (an iterable), so a model is
 * never held twice in memory; the file is written beside its destination and renamed at the end,
 * so a crash never leaves a truncated model where whisper.cpp would load it.
 */
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { encodeTensor } from "./ggml-types.ts";
import { GGML_MAGIC, type GgmlModelHeader, type GgmlTensorData } from "./ggml-model.ts";
import { HPARAM_ORDER } from "./hparams.ts";

export interface WrittenModel {
  path: string;
  bytes: number;
  tensors: number;
}

/** `partialPath` (same filesystem as `path`) lets a caller keep unfinished files out of a listed folder. */
export function writeGgmlModel(
  path: string,
  header: GgmlModelHeader,
  tensors: Iterable<GgmlTensorData>,
  partialPath = `${path}.partial`,
): WrittenModel {
  const partial = partialPath;
  const fd = openSync(partial, "w");
  let bytes = 0;
  let count = 0;
  const write = (chunk: Uint8Array) => {
    writeSync(fd, chunk);
    bytes += chunk.byteLength;
  };
  try {
    write(encodeHeader(header));
    for (const tensor of tensors) {
      write(encodeTensorHeader(tensor));
      write(encodeTensor(tensor.type, tensor.values));
      count++;
    }
    closeSync(fd);
    renameSync(partial, path);
  } catch (err) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw err;
  }
  return { path, bytes, tensors: count };
}

function int32s(values: readonly number[]): Uint8Array {
  return new Uint8Array(Int32Array.from(values).buffer);
}

function encodeHeader({ hparams, ftype, mel, vocabulary }: GgmlModelHeader): Uint8Array {
  const parts: Uint8Array[] = [
    new Uint8Array(Uint32Array.of(GGML_MAGIC).buffer),
    int32s([...HPARAM_ORDER.map((key) => hparams[key]), ftype]),
    int32s([mel.nMel, mel.nFft]),
    new Uint8Array(mel.data.buffer, mel.data.byteOffset, mel.data.byteLength),
    int32s([vocabulary.length]),
  ];
  for (const token of vocabulary) parts.push(new Uint8Array(Uint32Array.of(token.length).buffer), token);
  return Buffer.concat(parts);
}

function encodeTensorHeader({ name, shape, type }: GgmlTensorData): Uint8Array {
  const nameBytes = Buffer.from(name, "utf8");
  return Buffer.concat([int32s([shape.length, nameBytes.length, type, ...[...shape].reverse()]), nameBytes]);
}
