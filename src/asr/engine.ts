import path from "node:path";
import { Whisper } from "smart-whisper";
import { AppError } from "../errors.ts";
import type { Language } from "../transcript/types.ts";
import { checkModelFile } from "./model-file.ts";
import type { AsrEngine, AsrHints, AsrResult, AsrSegment, AsrToken } from "./types.ts";

export interface AsrEngineOptions {
  modelPath: string;
  threads: number;
}

/** Timestamp, end-of-text and other control tokens print as "[_BEG_]", "[_TT_42]", "<|endoftext|>"... */
const SPECIAL_TOKEN = /^(\[_|<\|)/;

interface WhisperToken {
  text: string;
  p: number;
  from: number;
  to: number;
}

interface WhisperSegment {
  from: number;
  to: number;
  text: string;
  lang: string;
  tokens: WhisperToken[];
}

function toSegment(raw: WhisperSegment): AsrSegment {
  const tokens: AsrToken[] = raw.tokens
    .filter((t) => !SPECIAL_TOKEN.test(t.text))
    .map((t) => ({ text: t.text, p: t.p, start: t.from / 1000, end: t.to / 1000 }));
  return { start: raw.from / 1000, end: raw.to / 1000, text: raw.text.trim(), tokens };
}

/** Loads a Whisper ggml model through smart-whisper (whisper.cpp built with the CPU's SIMD flags). */
export function createAsrEngine(options: AsrEngineOptions): AsrEngine {
  checkModelFile(options.modelPath);
  // offload: keep the model loaded between calls (seconds idle before freeing it).
  const whisper = new Whisper(options.modelPath, { gpu: false, offload: 24 * 3600 });
  let queue: Promise<unknown> = Promise.resolve();

  const run = async (samples: Float32Array, language: Language | "auto", hints: AsrHints): Promise<AsrResult> => {
    const vocabulary = hints.vocabulary?.filter((name) => name.trim() !== "") ?? [];
    try {
      const task = await whisper.transcribe(samples, {
        language,
        n_threads: options.threads,
        format: "detail",
        token_timestamps: true,
        // Each window is independent: conditioning on the previous one spreads hallucinations.
        no_context: true,
        suppress_non_speech_tokens: true,
        ...(vocabulary.length > 0 ? { initial_prompt: `${vocabulary.join(", ")}.` } : {}),
      });
      const raw = (await task.result) as unknown as WhisperSegment[];
      return { segments: raw.map(toSegment).filter((s) => s.text !== ""), language: raw[0]?.lang };
    } catch (err) {
      throw new AppError("ASR_FAILED", (err as Error).message, { cause: err });
    }
  };

  return {
    model: path.basename(options.modelPath),
    transcribe(samples, language, hints = {}) {
      const result = queue.then(() => run(samples, language, hints));
      queue = result.catch(() => undefined);
      return result;
    },
    async free() {
      await queue;
      await whisper.free();
    },
  };
}
