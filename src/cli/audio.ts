import { AppError } from "../errors.ts";
import type { Transcript } from "../transcript/types.ts";
import type { CliOptions } from "./args.ts";

/** Transcribes recordings for the CLI; the model is loaded once for the whole batch. */
export interface AudioTranscriber {
  transcribe(path: string, onProgress?: (fraction: number) => void): Promise<Transcript>;
  close(): Promise<void>;
}

export async function openAudioTranscriber(_args: { options: CliOptions; env: NodeJS.ProcessEnv }): Promise<AudioTranscriber> {
  throw new AppError("INPUT_UNSUPPORTED", "audio input is not wired yet");
}
