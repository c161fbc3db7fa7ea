import { createAsrEngine } from "../asr/engine.ts";
import type { AsrEngine } from "../asr/types.ts";
import type { ServiceConfig } from "../config/service-config.ts";
import { resolveModelPath } from "../models/resolve.ts";
import { transcribeRecording } from "../pipeline/transcribe-recording.ts";
import type { RecordingTranscriber } from "./process-call.ts";

/**
 * The worker's recording transcriber: the audio and ASR stages with one model per process,
 * loaded on the first recording (a worker that only ever sees transcripts needs no model; a
 * missing model fails that recording's job with MODEL_NOT_FOUND and how to get one).
 */
export function createRecordingTranscriber(config: Pick<ServiceConfig, "modelPath" | "worker">): RecordingTranscriber & { close(): Promise<void> } {
  let asr: AsrEngine | null = null;
  const engine = (): AsrEngine => (asr ??= createAsrEngine({ modelPath: resolveModelPath({ flag: config.modelPath }), threads: config.worker.asrThreads }));
  return {
    transcribe(bytes, options) {
      return transcribeRecording(bytes, {
        ...(options.fileName ? { fileName: options.fileName } : {}),
        language: options.language,
        agentChannel: options.agentChannel === 1 ? "right" : "left",
        asr: engine(),
        ...(options.vocabulary ? { vocabulary: options.vocabulary } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
    },
    async close() {
      await asr?.free();
    },
  };
}
