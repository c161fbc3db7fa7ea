import type { Generated, Insertable, Selectable } from "kysely";

/**
 * The tables as the query layer sees them. Portable types only (text, integer, real): the same
 * schema runs on SQLite (embedded default) and PostgreSQL. Times meant for humans are ISO 8601
 * UTC strings (they sort as text); job timers are epoch milliseconds.
 */
export interface BrandTable {
  id: string;
  name: string;
  created_at: string;
}

export interface SubcontractorTable {
  id: string;
  name: string;
  created_at: string;
}

export interface CampaignTable {
  id: string;
  name: string;
  brand_id: string;
  subcontractor_id: string;
  /** "fr" | "en" | "auto". */
  language: string;
  /** JSON of the campaign's rule-pack settings (a Partial<CallSettings> without calledAt). */
  settings: string;
  /** 1: live audio-mode sessions of this campaign keep their audio (stereo WAV in the audio store). */
  keep_live_audio: Generated<number>;
  created_at: string;
}

export interface CallTable {
  id: string;
  campaign_id: string;
  agent_id: string | null;
  /** Keyed hash (HMAC-SHA256) of the called number: matches calls to one number without keeping it. */
  number_hash: string | null;
  /** When the call took place, as given by the uploader (UTC ISO). */
  called_at: string | null;
  /** The date filters and reports use: called_at when given, else received_at. */
  dated_at: string;
  received_at: string;
  /** "transcript" or "audio". */
  source: string;
  /** "mono" | "stereo". */
  channel_layout: string | null;
  /** Channel index of the agent in a stereo recording. */
  agent_channel: number | null;
  audio_sha256: string | null;
  audio_name: string | null;
  audio_bytes: number | null;
  duration_sec: number | null;
  /** queued | transcribing | analyzing | done | failed | interrupted. */
  status: string;
  /** Job progress, 0..1. */
  progress: number;
  verdict: string | null;
  error_code: string | null;
  error_message: string | null;
  language: string | null;
  transcript_origin: string | null;
  transcript_model: string | null;
  /** JSON of the pitch onset (PitchOnset) or null when the call had no pitch. */
  pitch_onset: string | null;
  rule_pack_id: string | null;
  rule_pack_version: string | null;
  analyzed_at: string | null;
  /** When the retention purge deleted the recording (audio_sha256 is then null). */
  audio_purged_at: Generated<string | null>;
}

export interface UtteranceTable {
  call_id: string;
  idx: number;
  speaker: string;
  start_sec: number;
  end_sec: number;
  text: string;
  asr_confidence: number | null;
  speaker_confidence: number | null;
}

export interface ElementFindingTable {
  call_id: string;
  element_id: string;
  /** Position in the engine's element list (the rule pack's order). */
  idx: number;
  status: string;
  confidence: number;
  due_by: number | null;
  reason: string | null;
  /** JSON of the Evidence, or null. */
  evidence: string | null;
}

export interface ObjectionEventTable {
  call_id: string;
  idx: number;
  honored: number;
  /** JSON of the ObjectionEvent (evidence and what the agent continued with). */
  event: string;
}

export interface JobTable {
  id: string;
  call_id: string;
  /** queued | running | done | failed. */
  state: string;
  attempts: Generated<number>;
  /** Epoch ms before which the job is not claimed (retry back-off). */
  run_after: number;
  lease_owner: string | null;
  lease_token: string | null;
  lease_expires_at: number | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
}

/**
 * Report counters kept per Paris calendar day and campaign, updated in the transaction that
 * stores an analysis: a report reads days x campaigns rows, however many calls there are.
 * `metric` is "verdict:<verdict>" or "element:<element id>:<status>".
 */
export interface ReportCountTable {
  day: string;
  campaign_id: string;
  metric: string;
  calls: number;
}

/** "admin" | "controller" | "supervisor" | "agent-assist" (see src/access/roles.ts). */
export interface ApiKeyTable {
  id: string;
  name: string;
  role: string;
  /** The controller's brand. */
  brand_id: string | null;
  /** The supervisor's or agent-assist client's subcontractor. */
  subcontractor_id: string | null;
  /** Keyed hash (HMAC-SHA256) of the key: the key itself is never stored. */
  key_hash: string;
  /** The key's first characters, so people can tell their keys apart in lists. */
  key_prefix: string;
  created_at: string;
  /** Id of the key that created it; null for keys made with the CLI. */
  created_by: string | null;
  revoked_at: string | null;
}

/** Who read or listened to which call, when. */
export interface AccessLogTable {
  id: string;
  at: string;
  key_id: string;
  call_id: string;
  /** "read" | "listen" | "export" | "erase". */
  action: string;
}

export interface WebhookTable {
  brand_id: string;
  url: string;
  /** Signing secret (HMAC-SHA256); it must be kept to sign, unlike API keys. */
  secret: string;
  created_at: string;
}

export interface WebhookOutboxTable {
  id: string;
  brand_id: string;
  call_id: string;
  event: string;
  /** The JSON body to send, fixed when the event happened. */
  payload: string;
  /** pending | delivered | failed. */
  state: string;
  attempts: Generated<number>;
  /** Epoch ms. */
  next_attempt_at: number;
  /** Epoch ms until which a dispatcher owns the delivery. */
  lease_expires_at: number | null;
  last_error: string | null;
  created_at: string;
  delivered_at: string | null;
}

export interface Database {
  brands: BrandTable;
  subcontractors: SubcontractorTable;
  campaigns: CampaignTable;
  calls: CallTable;
  utterances: UtteranceTable;
  element_findings: ElementFindingTable;
  objection_events: ObjectionEventTable;
  jobs: JobTable;
  report_counts: ReportCountTable;
  api_keys: ApiKeyTable;
  access_log: AccessLogTable;
  webhooks: WebhookTable;
  webhook_outbox: WebhookOutboxTable;
}

export type BrandRow = Selectable<BrandTable>;
export type SubcontractorRow = Selectable<SubcontractorTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type CallRow = Selectable<CallTable>;
export type NewCall = Insertable<CallTable>;
export type UtteranceRow = Selectable<UtteranceTable>;
export type ElementFindingRow = Selectable<ElementFindingTable>;
export type ObjectionEventRow = Selectable<ObjectionEventTable>;
export type JobRow = Selectable<JobTable>;
