import { randomUUID } from "node:crypto";
import type { CallAnalysis } from "../compliance/types.ts";
import type { StoredAudio } from "../store/audio-store.ts";
import { writeAnalysis } from "../store/calls.ts";
import { callDateToUtc } from "../store/call-date.ts";
import type { Db } from "../store/database.ts";

export interface FinishedSession {
  campaignId: string;
  calledAt?: string;
  /** The keyed hash of the called number, when the client gave it. */
  numberHash?: string;
  source: "transcript" | "audio";
  channelLayout?: "mono" | "stereo";
  /** The final analysis; its transcript is what gets stored. */
  analysis: CallAnalysis;
  /** The client vanished without closing: stored with status `interrupted`. */
  interrupted: boolean;
  durationSec?: number;
  /** The session's audio, already in the audio store (campaigns that keep live audio): stereo, agent left. */
  audio?: StoredAudio & { fileName: string };
}

/**
 * Stores a finished live session as an analyzed call: the call row, its transcript and findings
 * in one transaction, through the same writeAnalysis that jobs use. No job is queued: the
 * analysis is already done. (The store has no "insert an analyzed call" function yet; this is
 * the shape it would take there.)
 */
export async function storeFinishedSession(db: Db, session: FinishedSession, now = new Date()): Promise<string> {
  const id = randomUUID();
  const receivedAt = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("calls")
      .values({
        id,
        campaign_id: session.campaignId,
        agent_id: null,
        number_hash: session.numberHash ?? null,
        called_at: session.calledAt ?? null,
        dated_at: session.calledAt ? callDateToUtc(session.calledAt) : receivedAt,
        received_at: receivedAt,
        source: session.source,
        channel_layout: session.channelLayout ?? null,
        agent_channel: session.channelLayout === "stereo" ? 0 : null,
        audio_sha256: session.audio?.sha256 ?? null,
        audio_name: session.audio?.fileName ?? null,
        audio_bytes: session.audio?.bytes ?? null,
        duration_sec: session.durationSec ?? null,
        status: "analyzing",
        progress: 0,
        verdict: null,
        error_code: null,
        error_message: null,
        language: null,
        transcript_origin: null,
        transcript_model: null,
        pitch_onset: null,
        rule_pack_id: null,
        rule_pack_version: null,
        analyzed_at: null,
      })
      .execute();
    await writeAnalysis(trx, id, session.analysis, now);
    if (session.interrupted) await trx.updateTable("calls").set({ status: "interrupted" }).where("id", "=", id).execute();
  });
  return id;
}
