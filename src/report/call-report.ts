import type { CallAnalysis, ElementStatus, ObjectionEvent, RulePackRef } from "../compliance/types.ts";
import type { Utterance } from "../transcript/types.ts";

/** One element in the CLI/API contract. Times are seconds (script line numbers for scripts). */
export interface ElementReport {
  id: string;
  status: ElementStatus;
  start?: number;
  end?: number;
  text?: string;
  cue?: string;
  score?: number;
  utteranceIndex?: number;
  dueBy?: number;
  confidence: number;
  reason?: string;
}

/** The JSON object the CLI prints per input and the API returns per call. */
export interface CallReport {
  file?: string;
  verdict?: CallAnalysis["verdict"];
  language?: CallAnalysis["language"];
  pitchOnset?: { start: number; end: number; text: string; cue: string; kind: string; utteranceIndex: number } | null;
  elements?: ElementReport[];
  objections?: ObjectionEvent[];
  utterances?: Utterance[];
  rulePack?: RulePackRef;
  model?: string;
  error?: { code: string; message: string };
}

export function toCallReport(analysis: CallAnalysis, file?: string): CallReport {
  const p = analysis.pitchOnset;
  return {
    ...(file !== undefined ? { file } : {}),
    verdict: analysis.verdict,
    language: analysis.language,
    pitchOnset: p ? { start: p.start, end: p.end, text: p.text, cue: p.cue, kind: p.kind, utteranceIndex: p.utteranceIndex } : null,
    elements: analysis.elements.map((f) => ({
      id: f.id,
      status: f.status,
      ...(f.evidence
        ? { start: f.evidence.start, end: f.evidence.end, text: f.evidence.text, cue: f.evidence.cue, score: f.evidence.score, utteranceIndex: f.evidence.utteranceIndex }
        : {}),
      ...(f.dueBy !== undefined ? { dueBy: f.dueBy } : {}),
      confidence: f.confidence,
      ...(f.reason ? { reason: f.reason } : {}),
    })),
    objections: analysis.objections,
    utterances: analysis.transcript.utterances,
    rulePack: analysis.rulePack,
    ...(analysis.transcript.model ? { model: analysis.transcript.model } : {}),
  };
}

export function errorReport(file: string, code: string, message: string): CallReport {
  return { file, error: { code, message } };
}
