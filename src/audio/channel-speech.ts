import { AppError } from "../errors.js";
import type { PreparedAudio, SpeechRegion, VadOptions } from "./types.js";
import { detectSpeech } from "./vad.js";

/**
 * Speech regions of every channel of a prepared recording, in channel order. A recording in
 * which no channel holds any speech cannot be judged at all, so it is an AUDIO_SILENT error
 * rather than an empty transcript that would read as "nothing was said".
 */
export function detectSpeechPerChannel(audio: PreparedAudio, options: Partial<VadOptions> = {}): SpeechRegion[][] {
  const regions = audio.channels.map((channel) => detectSpeech(channel, options));
  if (regions.every((channelRegions) => channelRegions.length === 0)) {
    const seconds = audio.durationSec.toFixed(1);
    throw new AppError("AUDIO_SILENT", `no voice activity in ${audio.channels.length} channel(s) over ${seconds} s`);
  }
  return regions;
}
