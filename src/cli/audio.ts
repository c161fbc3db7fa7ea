import { readFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import { createAsrEngine } from "../asr/engine.ts";
import { AppError } from "../errors.ts";
import { resolveModelPath } from "../models/resolve.ts";
import { transcribeRecording } from "../pipeline/transcribe-recording.ts";
import type { Transcript } from "../transcript/types.ts";
import type { CliOptions } from "./args.ts";

/** Transcribes recordings for the CLI; the model is loaded once for the whole batch. */
export interface AudioTranscriber {
  transcribe(path: string, onProgress?: (fraction: number) => void): Promise<Transcript>;
  close(): Promise<void>;
}

export async function openAudioTranscriber(args: { options: CliOptions; env: NodeJS.ProcessEnv }): Promise<AudioTranscriber> {
  const { options, env } = args;
  const asr = createAsrEngine({
    modelPath: resolveModelPath({ flag: options.model, env }),
    threads: options.threads ?? availableParallelism(),
  });
  return {
    async transcribe(path, onProgress) {
      const bytes = await readFile(path).catch((err: NodeJS.ErrnoException) => {
        throw new AppError("INPUT_NOT_FOUND", `${path}: ${err.code ?? err.message}`);
      });
      return transcribeRecording(new Uint8Array(bytes), {
        fileName: path,
        language: options.settings.language ?? "auto",
        agentChannel: options.agentChannel,
        asr,
        vocabulary: [...(options.settings.brands ?? []), ...(options.settings.callCentres ?? []), ...(options.settings.dataSources ?? [])],
        ...(onProgress ? { onProgress } : {}),
      });
    },
    close: () => asr.free(),
  };
}
