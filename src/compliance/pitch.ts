import type { MatchContext } from "./match.ts";
import { findHits, type Hit, type PreparedUtterance } from "./prepared.ts";
import { startsBefore, toEvidence } from "./prepared.ts";
import type { Lexicon } from "./rule-pack.ts";
import type { CallSettings, PitchKind, PitchOnset } from "./types.ts";

export interface PitchFinding {
  onset: PitchOnset;
  hit: Hit;
}

/** Utterances that may carry the agent's words: the agent's, and those whose speaker is unsure. */
export function agentSide(utterances: PreparedUtterance[]): PreparedUtterance[] {
  return utterances.filter((u) => u.speaker !== "customer");
}

/**
 * The pitch onset: the first agent utterance that proposes or prices an offer, or, in strict
 * mode, asks a needs-discovery question with commercial intent (DESIGN.md defaults).
 */
export function findPitchOnset(
  utterances: PreparedUtterance[],
  lexicon: Lexicon,
  ctx: MatchContext,
  mode: CallSettings["pitchMode"],
): PitchFinding | null {
  const candidates: Array<{ hit: Hit; kind: PitchKind }> = [];
  const speakers = agentSide(utterances);
  const hard = findHits(speakers, lexicon.hardPitch, ctx, { call: utterances })[0];
  if (hard) candidates.push({ hit: hard, kind: "hard" });
  if (mode === "strict") {
    const soft = findHits(speakers, lexicon.softPitch, ctx, { call: utterances })[0];
    if (soft) candidates.push({ hit: soft, kind: "soft" });
  }
  const first = candidates.reduce<(typeof candidates)[number] | null>(
    (best, c) => (!best || startsBefore(c.hit, best.hit) ? c : best),
    null,
  );
  return first ? { onset: { ...toEvidence(first.hit), kind: first.kind }, hit: first.hit } : null;
}
