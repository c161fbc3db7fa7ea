import { findAnswerHits } from "./answers.ts";
import { parisDate } from "./call-date.ts";
import type { MatchContext } from "./match.ts";
import type { PitchFinding } from "./pitch.ts";
import { agentSide } from "./pitch.ts";
import { scanHits, startsBefore, toEvidence, type Hit, type HitScan, type PreparedUtterance } from "./prepared.ts";
import type { ElementRule, Lexicon, RulePack } from "./rule-pack.ts";
import type { CallSettings, ElementFinding, ElementId, ObjectionEvent } from "./types.ts";

export interface ElementInputs {
  utterances: PreparedUtterance[];
  lexicon: Lexicon;
  ctx: MatchContext;
  settings: CallSettings;
  pack: RulePack;
  pitch: PitchFinding | null;
  objections: ObjectionEvent[];
  /** Where each element's cues hold in the call (see `findDisclosures`). */
  disclosures: Disclosures;
  /** Where the agent first presents the call as something else (the lexicon's disguise cues). */
  disguise: Hit | undefined;
}

/** Each disclosure element's hits in the call, in call order, wherever the pitch falls, found as they are asked for. */
export type Disclosures = ReadonlyMap<ElementId, HitScan>;

/** Whether a sentence of the call (an utterance and a sentence index in it) is one. */
export type SentencePredicate = (utterance: PreparedUtterance, sentenceIndex: number) => boolean;

/** Whether a sentence states a disclosure: a question that discloses ("Did you know you can refuse?") asks nothing. */
export function disclosingSentences(disclosures: Disclosures): SentencePredicate {
  const scans = [...disclosures.values()];
  return (utterance, sentenceIndex) =>
    scans.some((scan) => scan.through(utterance.index).some((h) => h.utterance.index === utterance.index && h.sentenceIndex === sentenceIndex));
}

/** The agent's statements of each disclosure element, and those given as answers to the customer; `refusals` are the customer's (see objections.ts). */
export function findDisclosures(utterances: PreparedUtterance[], lexicon: Lexicon, ctx: MatchContext, pack: RulePack, refusals: Hit[]): Disclosures {
  const disclosures = new Map<ElementId, HitScan>();
  const refused = new Set(refusals.map((h) => h.utterance.index));
  const agent = agentSide(utterances);
  for (const rule of pack.elements) {
    if (rule.id === "OBJECTION_HONORED") continue;
    const answers = findAnswerHits(utterances, lexicon.answers.get(rule.id) ?? [], ctx);
    disclosures.set(rule.id, scanHits(agent, lexicon.elements.get(rule.id) ?? [], ctx, { runOn: true, acrossSentences: true, call: utterances, refused }, answers));
  }
  return disclosures;
}

/** Why an element does not apply to this call, or null when it does. */
function notApplicableReason(rule: ElementRule, inputs: ElementInputs): string | null {
  const { settings, pack } = inputs;
  switch (rule.appliesIf) {
    case "recorded":
      return settings.recorded ? null : "the call is not recorded";
    case "thirdPartyLead":
      return settings.leadOrigin === "third_party" ? null : "the data was collected from the person (own customers)";
    case "bloctelPeriod": {
      const date = settings.calledAt ? parisDate(settings.calledAt) : null;
      return date && date >= pack.thresholds.bloctelAbolishedOn
        ? `Bloctel mention abolished for calls from ${pack.thresholds.bloctelAbolishedOn}`
        : null;
    }
    default:
      return null;
  }
}

/** The same words state the element and start the pitch ("I'm calling to offer you..."). */
function overlapsPitch(hit: Hit, pitch: Hit): boolean {
  return (
    hit.utterance.index === pitch.utterance.index &&
    hit.sentenceIndex === pitch.sentenceIndex &&
    hit.match.startToken < pitch.match.endToken
  );
}

function found(rule: ElementRule, status: "present" | "late", hit: Hit, dueBy?: number): ElementFinding {
  const evidence = toEvidence(hit);
  const confidence = Math.min(hit.utterance.roleConfidence, hit.match.score);
  // Two literals, not a spread of an optional field: V8 defines a spread's fields one by one at run time.
  return dueBy !== undefined ? { id: rule.id, status, evidence, dueBy, confidence } : { id: rule.id, status, evidence, confidence };
}

function evaluateDisclosure(rule: ElementRule, inputs: ElementInputs): ElementFinding {
  const { utterances, settings, pitch } = inputs;
  const scan = inputs.disclosures.get(rule.id);
  const notApplicable = notApplicableReason(rule, inputs);
  if (notApplicable) return { id: rule.id, status: "not_applicable", confidence: 1, reason: notApplicable };
  if (!pitch) {
    const first = scan?.find();
    const reason = "no pitch in the call";
    return first
      ? { id: rule.id, status: "not_applicable", confidence: 1, reason, evidence: toEvidence(first) }
      : { id: rule.id, status: "not_applicable", confidence: 1, reason };
  }
  const dueBy = pitch.onset.start;
  // A hit on time is in the pitch's utterance at the latest.
  const onTime = scan?.through(pitch.hit.utterance.index).find((h) => startsBefore(h, pitch.hit) || (rule.satisfiedByPitchUtterance === true && overlapsPitch(h, pitch.hit)));
  if (onTime) return found(rule, "present", onTime);
  if (rule.appliesIf === "bloctelPeriod" && !settings.calledAt) {
    return { id: rule.id, status: "undeterminable", dueBy, confidence: 1, reason: "call date unknown: required to know whether the Bloctel mention applies" };
  }
  const late = scan?.find((h) => !startsBefore(h, pitch.hit));
  if (late) return found(rule, "late", late, dueBy);
  const unreadable = utterances.some((u) => u.speaker !== "customer" && u.lowAsrConfidence && u.index <= pitch.hit.utterance.index);
  if (unreadable) {
    return { id: rule.id, status: "undeterminable", dueBy, confidence: 1, reason: "low ASR confidence in the agent's speech before the pitch" };
  }
  return { id: rule.id, status: "missing", dueBy, confidence: 1 };
}

/**
 * COMMERCIAL_NATURE is violated, whatever else was said, when the agent disguised a sales call.
 * A disguise is how the call is presented, up to the pitch: once the offer is on the table, "I'll
 * update your account" or "a satisfaction survey by email after installation" present nothing.
 */
function disguise(inputs: ElementInputs): ElementFinding | null {
  const { pitch } = inputs;
  if (!pitch) return null;
  const hit = inputs.disguise;
  if (!hit || hit.utterance.index > pitch.hit.utterance.index) return null;
  return {
    id: "COMMERCIAL_NATURE",
    status: "violated",
    evidence: toEvidence(hit),
    confidence: Math.min(hit.utterance.roleConfidence, hit.match.score),
    reason: "the sales call was presented as something else",
  };
}

function objectionHonored(inputs: ElementInputs): ElementFinding {
  const { objections } = inputs;
  if (objections.length === 0) return { id: "OBJECTION_HONORED", status: "not_applicable", confidence: 1, reason: "the customer did not object" };
  const ignored = objections.find((o) => !o.honored);
  const { utteranceIndex, start, end, text, cue, score } = ignored ?? objections[0]!;
  const evidence = { utteranceIndex, start, end, text, cue, score };
  return ignored
    ? { id: "OBJECTION_HONORED", status: "violated", evidence, confidence: evidence.score, reason: `the agent went on: "${ignored.continuedWith?.text ?? ""}"` }
    : { id: "OBJECTION_HONORED", status: "present", evidence, confidence: evidence.score };
}

export function evaluateElements(inputs: ElementInputs): ElementFinding[] {
  return inputs.pack.elements.map((rule) => {
    if (rule.id === "OBJECTION_HONORED") return objectionHonored(inputs);
    if (rule.id === "COMMERCIAL_NATURE") return disguise(inputs) ?? evaluateDisclosure(rule, inputs);
    return evaluateDisclosure(rule, inputs);
  });
}
