import type { StoredAudio } from "../store/audio-store.ts";
import { callDateToUtc } from "../store/call-date.ts";
import type { ChannelLayout, NewCallInput } from "../store/calls.ts";
import { hashNumber } from "../store/number-hash.ts";
import type { Transcript } from "../transcript/types.ts";
import { AppError } from "../errors.ts";

/** A recording as the multipart parser stored it. */
export interface UploadedRecording extends StoredAudio {
  fileName: string | null;
}

/**
 * Metadata fields of a multipart upload. Each is a list: one value applies to every recording,
 * N values (the field repeated) go to the N recordings in order.
 */
export interface MultipartCallsBody {
  campaignId: string[];
  recordings: UploadedRecording[];
  agentId?: string[];
  calledNumber?: string[];
  calledAt?: string[];
  channelLayout?: ChannelLayout[];
  agentChannel?: number[];
}

export interface CallMetadata {
  campaignId: string;
  agentId?: string;
  calledNumber?: string;
  calledAt?: string;
  channelLayout?: ChannelLayout;
  agentChannel?: number;
}

/** Longest file name kept (the label shown with the call). */
const MAX_FILE_NAME = 200;

/**
 * The label kept for an uploaded file: its last path segment only ("../../etc/passwd" and
 * "C:\\x\\a.wav" keep "passwd" and "a.wav"), without control characters; null when nothing is left.
 */
export function safeFileName(raw: string | undefined): string | null {
  if (!raw) return null;
  const base = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f-\u009f]/g, "").trim().slice(0, MAX_FILE_NAME);
  return clean === "" || clean === "." || clean === ".." ? null : clean;
}

function nth<T>(values: T[] | undefined, name: string, index: number, count: number): T | undefined {
  if (!values || values.length === 0) return undefined;
  if (values.length === 1) return values[0];
  if (values.length !== count) throw new AppError("USAGE", `${name} has ${values.length} values for ${count} recordings`);
  return values[index];
}

function commonFields(meta: CallMetadata, numberHashKey: string) {
  return {
    campaignId: meta.campaignId,
    ...(meta.agentId ? { agentId: meta.agentId } : {}),
    ...(meta.calledNumber ? { numberHash: hashNumber(meta.calledNumber, numberHashKey) } : {}),
    ...(meta.calledAt ? { calledAt: meta.calledAt, calledAtUtc: callDateToUtc(meta.calledAt) } : {}),
  };
}

/** The calls of a multipart upload, one per recording, with their metadata paired up. */
export function recordingCalls(body: MultipartCallsBody, numberHashKey: string): NewCallInput[] {
  const count = body.recordings.length;
  if (count === 0) throw new AppError("INPUT_EMPTY", "no recording in the upload");
  return body.recordings.map((recording, i) => {
    const meta: CallMetadata = {
      campaignId: nth(body.campaignId, "campaignId", i, count)!,
    };
    const agentId = nth(body.agentId, "agentId", i, count);
    const calledNumber = nth(body.calledNumber, "calledNumber", i, count);
    const calledAt = nth(body.calledAt, "calledAt", i, count);
    const layout = nth(body.channelLayout, "channelLayout", i, count);
    const agentChannel = nth(body.agentChannel, "agentChannel", i, count);
    if (agentId) meta.agentId = agentId;
    if (calledNumber) meta.calledNumber = calledNumber;
    if (calledAt) meta.calledAt = calledAt;
    return {
      ...commonFields(meta, numberHashKey),
      source: "audio",
      channelLayout: layout ?? (agentChannel === undefined ? "mono" : "stereo"),
      ...(agentChannel === undefined ? {} : { agentChannel }),
      audio: { sha256: recording.sha256, bytes: recording.bytes, fileName: recording.fileName },
    };
  });
}

/** The call of a transcript upload (JSON). */
export function transcriptCall(meta: CallMetadata, transcript: Transcript, numberHashKey: string): NewCallInput {
  return { ...commonFields(meta, numberHashKey), source: "transcript", transcript };
}
