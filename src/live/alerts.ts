import type { CallAnalysis, ObjectionEvent } from "../compliance/types.ts";
import type { SeqOf } from "./checklist.ts";
import type { ChecklistItem, LiveAlert } from "./protocol.ts";

/** Checklist statuses that mean "not given in time" once the pitch has started. */
const NOT_GIVEN = new Set(["missing", "late", "undeterminable"]);

/** An objection keeps its identity across analyses by its time and words (indices shift when utterances are inserted). */
const objectionKey = (o: ObjectionEvent) => `${o.start}|${o.text}`;

/**
 * The alerts that a new analysis raises over the previous one (null at the start of the call):
 * each fires once, on the analysis where its condition first becomes true.
 */
export function newAlerts(previous: CallAnalysis | null, next: CallAnalysis, checklist: ChecklistItem[], seqOf: SeqOf): LiveAlert[] {
  const alerts: LiveAlert[] = [];
  if (!previous?.pitchOnset && next.pitchOnset) {
    const missing = checklist
      .filter((item) => item.id !== "OBJECTION_HONORED" && (NOT_GIVEN.has(item.status) || item.owed))
      .map(({ id, label, hint }) => ({ id, label, hint }));
    if (missing.length > 0) {
      alerts.push({ kind: "PITCH_BEFORE_DISCLOSURE", seq: seqOf(next.pitchOnset.utteranceIndex), text: next.pitchOnset.text, missing });
    }
  }
  const ignoredBefore = new Set((previous?.objections ?? []).filter((o) => !o.honored).map(objectionKey));
  for (const objection of next.objections) {
    if (objection.honored || ignoredBefore.has(objectionKey(objection))) continue;
    const trigger = objection.continuedWith ?? objection;
    alerts.push({ kind: "OBJECTION_IGNORED", seq: seqOf(trigger.utteranceIndex), text: trigger.text });
  }
  const disguised = (a: CallAnalysis | null) => a?.elements.find((e) => e.id === "COMMERCIAL_NATURE" && e.status === "violated");
  const nowDisguised = disguised(next);
  if (nowDisguised && !disguised(previous)) {
    const evidence = nowDisguised.evidence;
    alerts.push({ kind: "DISGUISED_CALL", seq: evidence ? seqOf(evidence.utteranceIndex) : null, text: evidence?.text ?? "" });
  }
  return alerts;
}
