import { analyzeCall } from "../compliance/analyze.ts";
import type { RulePack } from "../compliance/rule-pack.ts";
import type { CallSettings } from "../compliance/types.ts";
import type { Language, Transcript } from "../transcript/types.ts";
import { AppError } from "../errors.ts";
import type { AudioStore } from "../store/audio-store.ts";
import { writeAnalysis, readTranscript } from "../store/calls.ts";
import { getCampaign } from "../store/catalog.ts";
import type { Db } from "../store/database.ts";
import { completeJob, type ClaimedJob } from "../store/jobs.ts";
import { callSettingsFor } from "./call-settings.ts";

export interface TranscribeOptions {
  fileName?: string;
  language: Language | "auto";
  /** Channel index of the agent in a stereo recording; undefined for mono. */
  agentChannel?: number;
  /** The campaign's brands, call centres and data sources, so that whisper spells them right. */
  vocabulary?: readonly string[];
  onProgress?: (fraction: number) => void;
}

/** Turns a stored recording into a transcript (the audio and ASR stages, with a model loaded once per process). */
export interface RecordingTranscriber {
  transcribe(bytes: Uint8Array, options: TranscribeOptions): Promise<Transcript>;
}

export interface CallProcessingDeps {
  db: Db;
  audioStore: AudioStore;
  transcriber: RecordingTranscriber;
  rulePack: () => RulePack;
}

function vocabularyOf(settings: CallSettings): string[] {
  return [...settings.brands, ...settings.callCentres, ...settings.dataSources];
}

/** Share of the progress bar given to transcription; analysis is the rest (it is fast). */
export const TRANSCRIPTION_SHARE = 0.9;

export type ProgressReport = (fraction: number, status: "transcribing" | "analyzing") => void;

/**
 * Runs one claimed job: transcribe the recording when the call came as audio, analyze the
 * transcript with the campaign's settings and store the result together with the job's
 * completion.
 */
export async function processCall(deps: CallProcessingDeps, job: ClaimedJob, report: ProgressReport): Promise<void> {
  const call = job.call;
  const campaign = await getCampaign(deps.db, call.campaign_id);
  let transcript: Transcript | null;
  if (call.source === "audio") {
    if (!call.audio_sha256) throw new AppError("AUDIO_NOT_STORED", call.id);
    const bytes = await deps.audioStore.read(call.audio_sha256);
    report(0, "transcribing");
    transcript = await deps.transcriber.transcribe(bytes, {
      ...(call.audio_name ? { fileName: call.audio_name } : {}),
      language: campaign.language,
      ...(call.agent_channel === null ? {} : { agentChannel: call.agent_channel }),
      vocabulary: vocabularyOf(callSettingsFor(campaign, call.called_at)),
      onProgress: (fraction) => report(fraction * TRANSCRIPTION_SHARE, "transcribing"),
    });
  } else {
    transcript = await readTranscript(deps.db, call);
  }
  if (!transcript) throw new AppError("TRANSCRIPT_INVALID", `call ${call.id} has no transcript`);
  report(call.source === "audio" ? TRANSCRIPTION_SHARE : 0, "analyzing");
  const analysis = analyzeCall(transcript, callSettingsFor(campaign, call.called_at), deps.rulePack());
  await completeJob(deps.db, job, (trx) => writeAnalysis(trx, call.id, analysis));
}
