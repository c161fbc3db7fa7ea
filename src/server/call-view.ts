import { toCallReport, type CallReport } from "../report/call-report.ts";
import type { CallDetail, StoredCall } from "../store/calls.ts";
import { redactAnalysis, redactTranscript } from "../privacy/redact-call.ts";

/** A call as the API shows it in lists: where it stands, without its transcript. */
export interface CallSummaryView {
  id: string;
  campaignId: string;
  agentId: string | null;
  calledAt: string | null;
  receivedAt: string;
  source: string;
  status: string;
  /** Job progress in percent (0..100). */
  progress: number;
  verdict: string | null;
  error: { code: string; message: string } | null;
  audio: { url: string; bytes: number; fileName: string | null } | null;
}

/** One call in full: its summary plus the CLI's report contract (findings with evidence, transcript). */
export type CallView = CallSummaryView & Omit<CallReport, "verdict" | "error"> & { numberHash: string | null; analyzedAt: string | null };

export function toSummaryView(call: StoredCall): CallSummaryView {
  return {
    id: call.id,
    campaignId: call.campaignId,
    agentId: call.agentId,
    calledAt: call.calledAt,
    receivedAt: call.receivedAt,
    source: call.source,
    status: call.status,
    progress: Math.round(call.progress * 100),
    verdict: call.verdict,
    error: call.error,
    audio: call.audio ? { url: `/calls/${call.id}/audio`, bytes: call.audio.bytes, fileName: call.audio.fileName } : null,
  };
}

/** Text is redacted on the way out too: a queued transcript upload is stored as sent until its job runs. */
export function toCallView(call: CallDetail): CallView {
  const report: CallReport = call.analysis
    ? toCallReport(redactAnalysis(call.analysis))
    : call.transcript
      ? { utterances: redactTranscript(call.transcript).utterances }
      : {};
  return { ...toSummaryView(call), numberHash: call.numberHash, analyzedAt: call.analyzedAt, ...report, verdict: call.verdict };
}

export const callSummarySchema = {
  $id: "CallSummary",
  type: "object",
  properties: {
    id: { type: "string" },
    campaignId: { type: "string" },
    agentId: { type: ["string", "null"] },
    calledAt: { type: ["string", "null"] },
    receivedAt: { type: "string" },
    source: { type: "string", enum: ["audio", "transcript"] },
    status: { type: "string", enum: ["queued", "transcribing", "analyzing", "done", "failed", "interrupted"] },
    progress: { type: "integer", minimum: 0, maximum: 100 },
    verdict: { type: ["string", "null"], enum: ["compliant", "non_compliant", "needs_review", "not_applicable", null] },
    error: {
      type: ["object", "null"],
      properties: { code: { type: "string" }, message: { type: "string" } },
    },
    audio: {
      type: ["object", "null"],
      properties: { url: { type: "string" }, bytes: { type: "integer" }, fileName: { type: ["string", "null"] } },
    },
  },
} as const;

/** The full view adds the report contract; its nested parts are described in call-report.ts. */
export const callViewSchema = {
  $id: "Call",
  type: "object",
  properties: {
    ...callSummarySchema.properties,
    numberHash: { type: ["string", "null"] },
    analyzedAt: { type: ["string", "null"] },
    language: { type: "string" },
    pitchOnset: { type: ["object", "null"], additionalProperties: true },
    elements: { type: "array", items: { type: "object", additionalProperties: true } },
    objections: { type: "array", items: { type: "object", additionalProperties: true } },
    utterances: { type: "array", items: { type: "object", additionalProperties: true } },
    rulePack: { type: "object", properties: { id: { type: "string" }, version: { type: "string" } } },
    model: { type: "string" },
  },
} as const;
