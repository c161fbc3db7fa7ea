import type { CallAnalysis, Evidence, ObjectionEvent } from "../compliance/types.ts";
import type { Transcript } from "../transcript/types.ts";
import { redactText } from "./redact.ts";

/**
 * Where redaction applies: to what is stored and what is returned, never to what the engine
 * reads. A job analyzes the transcript as heard, then stores it redacted (utterances and the
 * sentences quoted as evidence); answers are redacted again on the way out, which covers a
 * transcript upload still waiting in the queue (kept as sent until its job has run).
 */
export function redactTranscript(transcript: Transcript): Transcript {
  return { ...transcript, utterances: transcript.utterances.map((u) => ({ ...u, text: redactText(u.text) })) };
}

function redactEvidence<E extends Evidence>(evidence: E): E {
  return { ...evidence, text: redactText(evidence.text) };
}

export function redactAnalysis(analysis: CallAnalysis): CallAnalysis {
  return {
    ...analysis,
    transcript: redactTranscript(analysis.transcript),
    elements: analysis.elements.map((f) => (f.evidence ? { ...f, evidence: redactEvidence(f.evidence) } : f)),
    objections: analysis.objections.map(
      (o): ObjectionEvent => ({ ...redactEvidence(o), ...(o.continuedWith ? { continuedWith: redactEvidence(o.continuedWith) } : {}) }),
    ),
  };
}
