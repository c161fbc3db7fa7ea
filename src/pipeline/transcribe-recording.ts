import { detectSpeechPerChannel } from "../audio/channel-speech.ts";
import { prepareForAsr } from "../audio/prepare.ts";
import { ASR_SAMPLE_RATE } from "../audio/resample.ts";
import type { SpeechRegion, VadOptions } from "../audio/types.ts";
import { dropHallucinations, type HeardPiece } from "../asr/hallucinations.ts";
import { piecesByRegion } from "../asr/region-text.ts";
import type { AsrEngine } from "../asr/types.ts";
import { planWindows, windowSamples, type AsrWindow } from "../asr/windows.ts";
import { AppError } from "../errors.ts";
import type { Language, Speaker, Transcript, Utterance } from "../transcript/types.ts";

export type AgentChannel = "left" | "right";

export interface RecordingOptions {
  fileName?: string;
  language: Language | "auto";
  /** Which channel of a stereo recording is the agent's (default left). */
  agentChannel?: AgentChannel;
  asr: AsrEngine;
  /** Brands, call centres and data sources of the campaign: whisper is told how they are spelt. */
  vocabulary?: readonly string[];
  onProgress?: (fraction: number) => void;
  vad?: Partial<VadOptions>;
}

interface ChannelWork {
  channel: Float32Array;
  speaker: Speaker;
  regions: SpeechRegion[];
  windows: AsrWindow[];
  heard: Map<number, HeardPiece[]>;
}

/** Roles of the distinct channels: a stereo call has one speaker per channel; a mono one is sorted out later. */
function speakersOf(channelCount: number, agentChannel: AgentChannel): Speaker[] {
  if (channelCount === 1) return ["unknown"];
  if (channelCount === 2) return agentChannel === "left" ? ["agent", "customer"] : ["customer", "agent"];
  throw new AppError("INPUT_UNSUPPORTED", `${channelCount} distinct channels: expected mono, or stereo with agent and customer apart`);
}

function mean(values: number[]): number | undefined {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : undefined;
}

function utterancesOf(work: ChannelWork): Utterance[] {
  const utterances: Utterance[] = [];
  work.regions.forEach((region, index) => {
    const pieces = dropHallucinations(work.heard.get(index) ?? []);
    const text = pieces.map((p) => p.text).join(" ").replace(/\s+/g, " ").trim();
    if (text === "") return;
    const confidence = mean(pieces.flatMap((p) => p.probabilities));
    utterances.push({
      speaker: work.speaker,
      start: region.start,
      end: region.end,
      text,
      ...(confidence !== undefined ? { asrConfidence: Number(confidence.toFixed(3)) } : {}),
      ...(work.speaker !== "unknown" ? { speakerConfidence: 1 } : {}),
    });
  });
  return utterances;
}

/**
 * The audio and ASR stages: decode, find each channel's speech, transcribe it window by window
 * and give the engine utterances in time order with their role. Only voice-active audio reaches
 * whisper; the language, when not given, is detected once on the agent's first window.
 */
export async function transcribeRecording(bytes: Uint8Array, options: RecordingOptions): Promise<Transcript> {
  const audio = await prepareForAsr(bytes, options.fileName);
  const speakers = speakersOf(audio.channels.length, options.agentChannel ?? "left");
  const regions = detectSpeechPerChannel(audio, options.vad);
  const work: ChannelWork[] = audio.channels.map((channel, i) => ({
    channel,
    speaker: speakers[i]!,
    regions: regions[i]!,
    windows: planWindows(regions[i]!),
    heard: new Map(),
  }));
  // The agent speaks first and most: the best channel to tell the call's language.
  work.sort((a, b) => (a.speaker === "agent" ? -1 : b.speaker === "agent" ? 1 : 0));

  const total = work.reduce((sum, w) => sum + w.windows.reduce((s, win) => s + win.durationSec, 0), 0);
  let done = 0;
  let language: string | undefined = options.language === "auto" ? undefined : options.language;
  for (const channel of work) {
    for (const window of channel.windows) {
      const result = await options.asr.transcribe(windowSamples(channel.channel, window, ASR_SAMPLE_RATE), (language ?? "auto") as Language | "auto", {
        ...(options.vocabulary ? { vocabulary: options.vocabulary } : {}),
      });
      language ??= result.language;
      for (const [region, pieces] of piecesByRegion(window, result)) {
        channel.heard.set(region, [...(channel.heard.get(region) ?? []), ...pieces]);
      }
      done += window.durationSec;
      options.onProgress?.(total > 0 ? done / total : 1);
    }
  }

  const utterances = work.flatMap(utterancesOf).sort((a, b) => a.start - b.start || a.end - b.end);
  return {
    utterances,
    origin: "audio",
    ...(language === "fr" || language === "en" ? { language } : {}),
    durationSec: audio.durationSec,
    model: options.asr.model,
  };
}
