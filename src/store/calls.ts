import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import type { CallAnalysis, CallVerdict, ElementFinding, ElementStatus, ObjectionEvent, PitchOnset } from "../compliance/types.ts";
import type { Language, Speaker, Transcript, TranscriptOrigin, Utterance } from "../transcript/types.ts";
import { AppError } from "../errors.ts";
import type { Db } from "./database.ts";
import { recountCall } from "./report-counters.ts";
import { enqueueNonCompliant } from "./webhook-outbox.ts";
import { redactAnalysis } from "../privacy/redact-call.ts";
import type { CallRow, Database, NewCall } from "./schema.ts";
import { campaignsInScope, EVERYTHING, isScoped, type TenantScope } from "./scope.ts";

export type CallStatus = "queued" | "transcribing" | "analyzing" | "done" | "failed" | "interrupted";
export type CallSource = "audio" | "transcript";
export type ChannelLayout = "mono" | "stereo";

export interface StoredAudioRef {
  sha256: string;
  bytes: number;
  fileName: string | null;
}

/** One call as the uploader hands it over, checked and ready to store. */
export interface NewCallInput {
  campaignId: string;
  agentId?: string;
  numberHash?: string;
  /** As given (the engine reads a date without offset in Europe/Paris time). */
  calledAt?: string;
  /** The same instant in UTC ISO, for sorting and filters. */
  calledAtUtc?: string;
  source: CallSource;
  channelLayout?: ChannelLayout;
  agentChannel?: number;
  audio?: StoredAudioRef;
  transcript?: Transcript;
}

export interface StoredCall {
  id: string;
  campaignId: string;
  agentId: string | null;
  numberHash: string | null;
  calledAt: string | null;
  datedAt: string;
  receivedAt: string;
  source: CallSource;
  channelLayout: ChannelLayout | null;
  agentChannel: number | null;
  audio: StoredAudioRef | null;
  durationSec: number | null;
  status: CallStatus;
  /** Job progress, 0..1. */
  progress: number;
  verdict: CallVerdict | null;
  error: { code: string; message: string } | null;
  analyzedAt: string | null;
}

export interface CallDetail extends StoredCall {
  transcript: Transcript | null;
  analysis: CallAnalysis | null;
}

export function toStoredCall(row: CallRow): StoredCall {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    agentId: row.agent_id,
    numberHash: row.number_hash,
    calledAt: row.called_at,
    datedAt: row.dated_at,
    receivedAt: row.received_at,
    source: row.source as CallSource,
    channelLayout: row.channel_layout as ChannelLayout | null,
    agentChannel: row.agent_channel,
    audio: row.audio_sha256
      ? { sha256: row.audio_sha256, bytes: Number(row.audio_bytes), fileName: row.audio_name }
      : null,
    durationSec: row.duration_sec,
    status: row.status as CallStatus,
    progress: row.progress,
    verdict: row.verdict as CallVerdict | null,
    error: row.error_code ? { code: row.error_code, message: row.error_message ?? "" } : null,
    analyzedAt: row.analyzed_at,
  };
}

function utteranceRows(callId: string, utterances: Utterance[]) {
  return utterances.map((u, idx) => ({
    call_id: callId,
    idx,
    speaker: u.speaker,
    start_sec: u.start,
    end_sec: u.end,
    text: u.text,
    asr_confidence: u.asrConfidence ?? null,
    speaker_confidence: u.speakerConfidence ?? null,
  }));
}

/** SQLite caps bound parameters per statement; inserts go in slices well under it. */
const INSERT_SLICE = 100;

async function insertSliced<T extends keyof Database>(trx: Transaction<Database>, table: T, rows: readonly object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_SLICE) {
    await trx.insertInto(table).values(rows.slice(i, i + INSERT_SLICE) as never).execute();
  }
}

/**
 * Stores calls and their jobs in one transaction: when it returns, every call is durable and
 * queued, or none is. The recordings must already be on disk. A campaign outside the caller's
 * scope is refused exactly like an unknown one.
 */
export async function acceptCalls(db: Db, inputs: NewCallInput[], now = new Date(), scope: TenantScope = EVERYTHING): Promise<string[]> {
  const receivedAt = now.toISOString();
  const ids = inputs.map(() => randomUUID());
  await db.transaction().execute(async (trx) => {
    const campaignIds = [...new Set(inputs.map((c) => c.campaignId))];
    let knownQuery = trx.selectFrom("campaigns").select("id").where("id", "in", campaignIds);
    if (isScoped(scope)) knownQuery = knownQuery.where("id", "in", (eb) => campaignsInScope(eb, scope));
    const known = await knownQuery.execute();
    const missing = campaignIds.filter((id) => !known.some((k) => k.id === id));
    if (missing.length > 0) throw new AppError("UNKNOWN_CAMPAIGN", missing.join(", "));

    const calls: NewCall[] = inputs.map((input, i) => ({
      id: ids[i]!,
      campaign_id: input.campaignId,
      agent_id: input.agentId ?? null,
      number_hash: input.numberHash ?? null,
      called_at: input.calledAt ?? null,
      dated_at: input.calledAtUtc ?? receivedAt,
      received_at: receivedAt,
      source: input.source,
      channel_layout: input.channelLayout ?? null,
      agent_channel: input.agentChannel ?? null,
      audio_sha256: input.audio?.sha256 ?? null,
      audio_name: input.audio?.fileName ?? null,
      audio_bytes: input.audio?.bytes ?? null,
      duration_sec: input.transcript?.durationSec ?? null,
      status: "queued",
      progress: 0,
      verdict: null,
      error_code: null,
      error_message: null,
      language: input.transcript?.language ?? null,
      transcript_origin: input.transcript?.origin ?? null,
      transcript_model: input.transcript?.model ?? null,
      pitch_onset: null,
      rule_pack_id: null,
      rule_pack_version: null,
      analyzed_at: null,
    }));
    await insertSliced(trx, "calls", calls);
    const utterances = inputs.flatMap((input, i) => utteranceRows(ids[i]!, input.transcript?.utterances ?? []));
    await insertSliced(trx, "utterances", utterances);
    await insertSliced(
      trx,
      "jobs",
      ids.map((callId) => ({
        id: randomUUID(),
        call_id: callId,
        state: "queued",
        run_after: now.getTime(),
        lease_owner: null,
        lease_token: null,
        lease_expires_at: null,
        last_error: null,
        created_at: receivedAt,
        updated_at: receivedAt,
      })),
    );
  });
  return ids;
}

/** A call by id, if it exists and is in the scope (a call of another tenant reads as unknown). */
export async function findCallRow(db: Db | Transaction<Database>, id: string, scope: TenantScope = EVERYTHING): Promise<CallRow | undefined> {
  let query = db.selectFrom("calls").selectAll().where("id", "=", id);
  if (isScoped(scope)) query = query.where("campaign_id", "in", (eb) => campaignsInScope(eb, scope));
  return query.executeTakeFirst();
}

export async function readTranscript(db: Db | Transaction<Database>, row: CallRow): Promise<Transcript | null> {
  const rows = await db.selectFrom("utterances").selectAll().where("call_id", "=", row.id).orderBy("idx").execute();
  if (rows.length === 0 && !row.transcript_origin) return null;
  const utterances: Utterance[] = rows.map((u) => ({
    speaker: u.speaker as Speaker,
    start: u.start_sec,
    end: u.end_sec,
    text: u.text,
    ...(u.asr_confidence === null ? {} : { asrConfidence: u.asr_confidence }),
    ...(u.speaker_confidence === null ? {} : { speakerConfidence: u.speaker_confidence }),
  }));
  return {
    utterances,
    origin: (row.transcript_origin ?? "transcript") as TranscriptOrigin,
    ...(row.language ? { language: row.language as Language } : {}),
    ...(row.duration_sec === null ? {} : { durationSec: row.duration_sec }),
    ...(row.transcript_model ? { model: row.transcript_model } : {}),
  };
}

async function readAnalysis(db: Db, row: CallRow, transcript: Transcript): Promise<CallAnalysis | null> {
  if (!row.verdict || !row.rule_pack_id) return null;
  const findings = await db.selectFrom("element_findings").selectAll().where("call_id", "=", row.id).orderBy("idx").execute();
  const objections = await db.selectFrom("objection_events").selectAll().where("call_id", "=", row.id).orderBy("idx").execute();
  const elements: ElementFinding[] = findings.map((f) => ({
    id: f.element_id as ElementFinding["id"],
    status: f.status as ElementStatus,
    ...(f.evidence ? { evidence: JSON.parse(f.evidence) } : {}),
    ...(f.due_by === null ? {} : { dueBy: f.due_by }),
    confidence: f.confidence,
    ...(f.reason ? { reason: f.reason } : {}),
  }));
  return {
    verdict: row.verdict as CallVerdict,
    language: (row.language ?? "fr") as Language,
    pitchOnset: row.pitch_onset ? (JSON.parse(row.pitch_onset) as PitchOnset) : null,
    elements,
    objections: objections.map((o) => JSON.parse(o.event) as ObjectionEvent),
    rulePack: { id: row.rule_pack_id, version: row.rule_pack_version ?? "" },
    transcript,
  };
}

export async function getCall(db: Db, id: string, scope: TenantScope = EVERYTHING): Promise<CallDetail> {
  const row = await findCallRow(db, id, scope);
  if (!row) throw new AppError("NOT_FOUND", `call ${id}`);
  const transcript = await readTranscript(db, row);
  const analysis = transcript ? await readAnalysis(db, row, transcript) : null;
  return { ...toStoredCall(row), transcript, analysis };
}

/**
 * Writes an analysis (and, for audio, the transcript it came from) over whatever an earlier
 * attempt left: the rows are replaced, never appended, so running a job twice stores it once.
 * The report counters move from the call's previous outcome to this one. Card numbers, IBANs,
 * e-mail addresses and phone numbers are redacted from the text stored (the engine has already
 * read it whole).
 */
export async function writeAnalysis(trx: Transaction<Database>, callId: string, heard: CallAnalysis, now = new Date()): Promise<void> {
  const analysis = redactAnalysis(heard);
  const transcript = analysis.transcript;
  const row = await trx.selectFrom("calls").select(["campaign_id", "dated_at", "status", "verdict"]).where("id", "=", callId).executeTakeFirstOrThrow();
  const previous =
    row.status === "done" && row.verdict
      ? { verdict: row.verdict, elements: await trx.selectFrom("element_findings").select(["element_id as id", "status"]).where("call_id", "=", callId).execute() }
      : null;
  await recountCall(trx, { campaignId: row.campaign_id, datedAt: row.dated_at }, previous, { verdict: analysis.verdict, elements: analysis.elements });
  await trx.deleteFrom("utterances").where("call_id", "=", callId).execute();
  await trx.deleteFrom("element_findings").where("call_id", "=", callId).execute();
  await trx.deleteFrom("objection_events").where("call_id", "=", callId).execute();
  await insertSliced(trx, "utterances", utteranceRows(callId, transcript.utterances));
  await insertSliced(
    trx,
    "element_findings",
    analysis.elements.map((f, idx) => ({
      call_id: callId,
      element_id: f.id,
      idx,
      status: f.status,
      confidence: f.confidence,
      due_by: f.dueBy ?? null,
      reason: f.reason ?? null,
      evidence: f.evidence ? JSON.stringify(f.evidence) : null,
    })),
  );
  await insertSliced(
    trx,
    "objection_events",
    analysis.objections.map((o, idx) => ({ call_id: callId, idx, honored: o.honored ? 1 : 0, event: JSON.stringify(o) })),
  );
  if (analysis.verdict === "non_compliant" && previous?.verdict !== "non_compliant") {
    await enqueueNonCompliant(trx, callId, analysis.elements, now);
  }
  await trx
    .updateTable("calls")
    .set({
      status: "done",
      progress: 1,
      verdict: analysis.verdict,
      language: analysis.language,
      transcript_origin: transcript.origin,
      transcript_model: transcript.model ?? null,
      duration_sec: transcript.durationSec ?? null,
      pitch_onset: analysis.pitchOnset ? JSON.stringify(analysis.pitchOnset) : null,
      rule_pack_id: analysis.rulePack.id,
      rule_pack_version: analysis.rulePack.version,
      error_code: null,
      error_message: null,
      analyzed_at: now.toISOString(),
    })
    .where("id", "=", callId)
    .execute();
}
