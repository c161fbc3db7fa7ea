import fsp from "node:fs/promises";
import decode from "audio-decode";
import detectAudioType from "audio-type";
import { decodeAudio } from "../audio/decode.ts";
import { AppError } from "../errors.ts";
import type { UploadCheck } from "../store/audio-store.ts";

/**
 * Refuses at upload what the worker could never transcribe, so the uploader gets the reason at
 * once instead of a call that fails later. Recordings up to `decodeCheckBytes` are decoded in
 * full (the same decoder the worker uses: a text file renamed .wav, a cut or corrupt file all
 * fail here); larger ones have their format sniffed from the first bytes only, since decoding
 * a long recording in the API process would hold it up.
 */
export function recordingCheck(decodeCheckBytes: number, fileName: string | null): UploadCheck {
  const label = fileName ?? "the recording";
  return async ({ file, head, bytes }) => {
    if (bytes <= decodeCheckBytes) {
      await decodeAudio(new Uint8Array(await fsp.readFile(file)), label);
      return;
    }
    const detected = detectAudioType(head);
    if (!detected) throw new AppError("AUDIO_UNDECODABLE", `${label} is not in any known audio format`);
    if (!Object.hasOwn(decode, detected)) throw new AppError("INPUT_UNSUPPORTED", `${label} is ${detected} audio, which cannot be decoded`);
  };
}
