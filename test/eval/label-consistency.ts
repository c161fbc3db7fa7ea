// Checks that a case's labels obey the labelling semantics (verdict rules, applicability,
// timing). They cannot tell whether a label is true to the text; they catch slips.
import { ELEMENT_IDS, type EvalCase, type EvalElementStatus, type EvalVerdict, type ExpectedOutcome } from "./eval-case.ts";

/** Calls on or after this Europe/Paris date fall under opt-in: no Bloctel mention is due. */
export const BLOCTEL_END_DATE = "2026-08-11";

const MIN_UTTERANCE_SEC = 0.5;
const MAX_UTTERANCE_SEC = 8;

const FAILING: readonly EvalElementStatus[] = ["missing", "late", "violated"];

/** The call verdict implied by the element statuses and the pitch, per the vocabulary. */
export function verdictFromLabels(expected: Pick<ExpectedOutcome, "pitchUtterance" | "elements">): EvalVerdict {
  const statuses = Object.values(expected.elements);
  if (expected.pitchUtterance === null) {
    return expected.elements.OBJECTION_HONORED === "violated" ? "non_compliant" : "not_applicable";
  }
  if (statuses.some((s) => FAILING.includes(s))) return "non_compliant";
  if (statuses.includes("undeterminable")) return "needs_review";
  return "compliant";
}

/** YYYY-MM-DD of an ISO instant in Europe/Paris. */
export function parisDate(iso: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(iso));
}

export function timingProblems(c: EvalCase): string[] {
  const problems: string[] = [];
  let previousEnd = 0;
  c.utterances.forEach((u, i) => {
    const length = u.end - u.start;
    if (length < MIN_UTTERANCE_SEC || length > MAX_UTTERANCE_SEC) problems.push(`utterance ${i} lasts ${length.toFixed(1)} s`);
    if (u.start < previousEnd) problems.push(`utterance ${i} starts at ${u.start} before the previous one ends (${previousEnd})`);
    previousEnd = u.end;
  });
  return problems;
}

export function pitchProblems(c: EvalCase): string[] {
  const index = c.expected.pitchUtterance;
  if (index === null) return [];
  const utterance = c.utterances[index];
  if (!utterance) return [`pitchUtterance ${index} is out of range (${c.utterances.length} utterances)`];
  return utterance.speaker === "agent" ? [] : [`pitchUtterance ${index} is a ${utterance.speaker} utterance`];
}

/** Which elements must be not_applicable given the settings alone (when there is a pitch). */
function settingsApplicability(c: EvalCase): Partial<Record<(typeof ELEMENT_IDS)[number], boolean>> {
  const { recorded, leadOrigin, calledAt } = c.settings;
  return {
    REC_NOTICE: recorded,
    REC_OBJECTION_RIGHT: recorded,
    ART14_SOURCE: leadOrigin !== "own_customers",
    ...(calledAt !== undefined ? { BLOCTEL_MENTION: parisDate(calledAt) < BLOCTEL_END_DATE } : {}),
  };
}

export function statusProblems(c: EvalCase): string[] {
  const problems: string[] = [];
  const { elements, pitchUtterance } = c.expected;
  for (const id of ELEMENT_IDS) {
    const status = elements[id];
    if (status === "violated" && id !== "COMMERCIAL_NATURE" && id !== "OBJECTION_HONORED") problems.push(`${id} cannot be violated`);
  }
  if (!["present", "violated", "not_applicable"].includes(elements.OBJECTION_HONORED)) {
    problems.push(`OBJECTION_HONORED is ${elements.OBJECTION_HONORED}`);
  }
  if (elements.OBJECTION_HONORED !== "not_applicable" && !c.utterances.some((u) => u.speaker === "customer")) {
    problems.push("OBJECTION_HONORED is applicable but the customer never speaks");
  }
  if (pitchUtterance === null) {
    for (const id of ELEMENT_IDS) {
      if (id !== "OBJECTION_HONORED" && elements[id] !== "not_applicable") problems.push(`no pitch but ${id} is ${elements[id]}`);
    }
    return problems;
  }
  const applicable = settingsApplicability(c);
  for (const id of ELEMENT_IDS) {
    if (id === "OBJECTION_HONORED") continue;
    const shouldApply = applicable[id] ?? true;
    const isNotApplicable = elements[id] === "not_applicable";
    if (shouldApply && isNotApplicable) problems.push(`${id} is not_applicable but applies to these settings`);
    if (!shouldApply && !isNotApplicable) problems.push(`${id} is ${elements[id]} but does not apply to these settings`);
  }
  if (c.settings.calledAt === undefined && !["present", "undeterminable"].includes(elements.BLOCTEL_MENTION)) {
    problems.push(`BLOCTEL_MENTION without calledAt must be present or undeterminable, not ${elements.BLOCTEL_MENTION}`);
  }
  return problems;
}

export function verdictProblems(c: EvalCase): string[] {
  const derived = verdictFromLabels(c.expected);
  return derived === c.expected.verdict ? [] : [`verdict ${c.expected.verdict} but the element statuses give ${derived}`];
}

/** Every slip found in one case, as readable lines; empty when the case is consistent. */
export function labelProblems(c: EvalCase): string[] {
  return [...timingProblems(c), ...pitchProblems(c), ...statusProblems(c), ...verdictProblems(c)];
}
