import { parisDate } from "../compliance/call-date.ts";
import type { ElementRule, RulePack } from "../compliance/rule-pack.ts";
import type { CallAnalysis, CallSettings, ElementFinding } from "../compliance/types.ts";
import type { ChecklistItem } from "./protocol.ts";

/** Maps an utterance index of the analyzed transcript to the client's sequence number (null when it had none). */
export type SeqOf = (utteranceIndex: number) => number | null;

/**
 * Whether a rule applies to the call whatever is said in it. Before the pitch the engine calls
 * every disclosure `not_applicable` ("no pitch in the call"); live, the agent must see which of
 * them are still owed, so the conditions that do not depend on the speech are checked here.
 */
function appliesToCall(rule: ElementRule, settings: CallSettings, pack: RulePack): boolean {
  switch (rule.appliesIf) {
    case "recorded":
      return settings.recorded;
    case "thirdPartyLead":
      return settings.leadOrigin === "third_party";
    case "bloctelPeriod": {
      const date = settings.calledAt ? parisDate(settings.calledAt) : null;
      return !(date && date >= pack.thresholds.bloctelAbolishedOn);
    }
    default:
      return true;
  }
}

function liveStatus(finding: ElementFinding, rule: ElementRule, analysis: CallAnalysis, settings: CallSettings, pack: RulePack): Pick<ChecklistItem, "status" | "owed"> {
  const beforePitch = analysis.pitchOnset === null && finding.status === "not_applicable" && rule.id !== "OBJECTION_HONORED";
  if (!beforePitch || !appliesToCall(rule, settings, pack)) return { status: finding.status, owed: false };
  // Said before any pitch: that is what `present` means, even though no pitch has come yet.
  return finding.evidence ? { status: "present", owed: false } : { status: "not_applicable", owed: true };
}

/** The checklist an agent sees for the transcript so far: one line per element, labelled in the call's language. */
export function liveChecklist(analysis: CallAnalysis, settings: CallSettings, pack: RulePack, seqOf: SeqOf): ChecklistItem[] {
  const rules = new Map(pack.elements.map((rule) => [rule.id, rule]));
  return analysis.elements.map((finding) => {
    const rule = rules.get(finding.id)!;
    const item: ChecklistItem = {
      id: finding.id,
      label: rule.label[analysis.language],
      hint: rule.hint[analysis.language],
      ...liveStatus(finding, rule, analysis, settings, pack),
    };
    const evidence = finding.evidence;
    if (evidence) item.evidence = { seq: seqOf(evidence.utteranceIndex), text: evidence.text, start: evidence.start, end: evidence.end };
    return item;
  });
}

/** Whether the agent would see a difference: statuses, or the utterance an element rests on. */
export function checklistChanged(previous: ChecklistItem[] | null, next: ChecklistItem[]): boolean {
  if (!previous || previous.length !== next.length) return true;
  return next.some((item, i) => {
    const before = previous[i]!;
    return before.id !== item.id || before.status !== item.status || before.owed !== item.owed || before.evidence?.text !== item.evidence?.text || before.label !== item.label;
  });
}
