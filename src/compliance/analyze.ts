import type { Transcript } from "../transcript/types.ts";
import { evaluateElements, findDisclosures } from "./elements.ts";
import { detectLanguage } from "./language.ts";
import { buildMatchContext } from "./names.ts";
import { findObjections, findRefusals } from "./objections.ts";
import { agentSide, findPitchOnset } from "./pitch.ts";
import { firstHit, prepareUtterances, settleRole, withRole } from "./prepared.ts";
import { attributeRoles } from "./roles.ts";
import type { RulePack } from "./rule-pack.ts";
import type { CallAnalysis, CallSettings } from "./types.ts";
import { decideVerdict } from "./verdict.ts";

/** The compliance engine: a pure function from a transcript and its campaign settings to a verdict with evidence. */
export function analyzeCall(transcript: Transcript, settings: CallSettings, pack: RulePack): CallAnalysis {
  const language = settings.language !== "auto" ? settings.language : (transcript.language ?? detectLanguage(transcript, pack));
  const lexicon = pack.lexicons[language];
  const ctx = buildMatchContext(settings, lexicon, pack.thresholds);
  const prepared = prepareUtterances(transcript, language, lexicon, pack.thresholds, [...settings.brands, ...settings.callCentres, ...settings.dataSources]);
  const attributed = attributeRoles(transcript, prepared, lexicon, ctx);
  // Roles changed only: the tokenized sentences stay as they are.
  const utterances =
    attributed === transcript ? prepared : prepared.map((u, i) => withRole(u, settleRole(attributed.utterances[i]!, pack.thresholds)));
  const refusals = findRefusals(utterances, lexicon, ctx);
  const disclosures = findDisclosures(utterances, lexicon, ctx, pack, refusals);
  // Where the agent presents the call as something else, read by the pitch's needs questions and
  // the commercial nature; with the whole call, for cues voided by the customer's turn before
  // ("Is this recorded?" / "Yes, for quality checks").
  const disguise = firstHit(agentSide(utterances), lexicon.disguise, ctx, { call: utterances });
  const pitch = findPitchOnset(utterances, lexicon, ctx, settings.pitchMode, disclosures, refusals, disguise);
  const objections = findObjections(utterances, refusals, lexicon, ctx, pack.thresholds.objectionFollowUpAgentTurns, disclosures);
  const elements = evaluateElements({ utterances, lexicon, ctx, settings, pack, pitch, objections, disclosures, disguise });
  return {
    verdict: decideVerdict(pitch !== null, elements, pack.thresholds.minConfidenceForNonCompliance),
    language,
    pitchOnset: pitch?.onset ?? null,
    elements,
    objections,
    rulePack: { id: pack.id, version: pack.version },
    transcript: attributed,
  };
}
