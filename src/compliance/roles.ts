import type { Speaker, Transcript, Utterance } from "../transcript/types.ts";
import type { MatchContext } from "./match.ts";
import { findHits, type PreparedUtterance } from "./prepared.ts";
import type { Lexicon } from "./rule-pack.ts";

/** Trust in a role read from what the utterance says (it introduces, discloses, offers; or refuses). */
const ROLE_FROM_WORDS = 0.9;
/** Trust in a role guessed from turn-taking alone: below the pack's threshold, so the engine treats it as unknown. */
const ROLE_FROM_TURN_TAKING = 0.5;

function sentencesMatching(utterance: PreparedUtterance, cues: Lexicon["hardPitch"], ctx: MatchContext): number {
  return new Set(findHits([utterance], cues, ctx).map((h) => h.sentenceIndex)).size;
}

function other(speaker: Speaker): Speaker {
  return speaker === "agent" ? "customer" : speaker === "customer" ? "agent" : "unknown";
}

/**
 * Roles for a transcript in which no speaker is known (a mono recording). The agent is whoever
 * introduces a company, discloses or offers (the pack's disclosure, pitch and push-back cues);
 * the customer whoever refuses (objection cues). Utterances that say neither get the opposite
 * role of the previous one (people take turns) with a confidence low enough that the engine
 * still treats them as unknown: a guess must not decide a finding.
 */
export function attributeRoles(transcript: Transcript, prepared: PreparedUtterance[], lexicon: Lexicon, ctx: MatchContext): Transcript {
  if (transcript.utterances.length === 0 || transcript.utterances.some((u) => u.speaker !== "unknown")) return transcript;
  const agentCues = [...[...lexicon.elements.values()].flat(), ...lexicon.hardPitch, ...lexicon.softPitch, ...lexicon.disguise, ...lexicon.pushback];
  const fromWords: Array<Speaker> = prepared.map((u) => {
    const agent = sentencesMatching(u, agentCues, ctx);
    const customer = sentencesMatching(u, lexicon.objection, ctx);
    return agent > 0 && agent >= customer ? "agent" : customer > 0 ? "customer" : "unknown";
  });
  const firstKnown = fromWords.findIndex((s) => s !== "unknown");
  if (firstKnown < 0) return transcript;

  const roles: Array<{ speaker: Speaker; confidence: number }> = new Array(fromWords.length);
  roles[firstKnown] = { speaker: fromWords[firstKnown]!, confidence: ROLE_FROM_WORDS };
  for (let i = firstKnown - 1; i >= 0; i--) roles[i] = { speaker: other(roles[i + 1]!.speaker), confidence: ROLE_FROM_TURN_TAKING };
  for (let i = firstKnown + 1; i < fromWords.length; i++) {
    const heard = fromWords[i]!;
    roles[i] = heard !== "unknown" ? { speaker: heard, confidence: ROLE_FROM_WORDS } : { speaker: other(roles[i - 1]!.speaker), confidence: ROLE_FROM_TURN_TAKING };
  }
  const utterances: Utterance[] = transcript.utterances.map((u, i) => ({ ...u, speaker: roles[i]!.speaker, speakerConfidence: roles[i]!.confidence }));
  return { ...transcript, utterances };
}
