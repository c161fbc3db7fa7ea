import { AppError } from "../errors.ts";
import type { ServiceConfig } from "../config/service-config.ts";
import type { RecordingTranscriber } from "./process-call.ts";

/** The worker's recording transcriber: the audio and ASR stages with one model per process. */
export function createRecordingTranscriber(_config: ServiceConfig): RecordingTranscriber & { close(): Promise<void> } {
  return {
    async transcribe() {
      throw new AppError("INPUT_UNSUPPORTED", "audio transcription is not wired yet");
    },
    async close() {},
  };
}
