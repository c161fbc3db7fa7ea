/**
 * The content of a whisper.cpp ggml model file, as plain data shared by the writer and reader.
 * Layout (whisper.cpp's models/convert-pt-to-ggml.py, little-endian int32 unless noted):
 *   magic 0x67676d6c; hparams (HPARAM_ORDER) then ftype;
 *   mel filters: n_mel, n_fft, float32[n_mel * n_fft];
 *   vocabulary: count, then per token uint32 length + bytes;
 *   tensors until EOF: n_dims, name length, ggml type, dims (ggml order = PyTorch's reversed),
 *   name bytes, data.
 */
import type { WhisperHparams } from "./hparams.ts";
import type { GgmlTypeId } from "./ggml-types.ts";
import type { MelFilterbank } from "./mel-filters.ts";

export const GGML_MAGIC = 0x67676d6c;

export interface GgmlTensorData {
  name: string;
  /** PyTorch order; the file stores it reversed. */
  shape: number[];
  type: GgmlTypeId;
  values: Float32Array;
}

export interface GgmlModelHeader {
  hparams: WhisperHparams;
  ftype: number;
  mel: MelFilterbank;
  vocabulary: Uint8Array[];
}
