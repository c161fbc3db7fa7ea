import type { MatchContext } from "./match.ts";
import { matchCueInSentence, screenOf } from "./match.ts";
import { mayHold } from "./cue-screen.ts";
import { findHits, toEvidence, type PreparedUtterance } from "./prepared.ts";
import type { Lexicon } from "./rule-pack.ts";
import type { Evidence, ObjectionEvent } from "./types.ts";

function firstMatchIn(utterance: PreparedUtterance, cues: Lexicon["hardPitch"], ctx: MatchContext): Evidence | null {
  for (const [sentenceIndex, sentence] of utterance.sentences.entries()) {
    const screen = screenOf(sentence.tokens, ctx);
    for (const cue of cues) {
      if (!mayHold(cue, screen)) continue;
      const match = matchCueInSentence(cue, sentence, ctx);
      if (match) return toEvidence({ utterance, sentenceIndex, match });
    }
  }
  return null;
}

/**
 * Customer refusals and objections, each checked against the agent's next turns: an objection
 * is honoured when none of them pitches again or argues to go on (RULES.md, OBJECTION_HONORED).
 */
export function findObjections(
  utterances: PreparedUtterance[],
  lexicon: Lexicon,
  ctx: MatchContext,
  followUpTurns: number,
): ObjectionEvent[] {
  const customerSide = utterances.filter((u) => u.speaker !== "agent");
  const hits = findHits(customerSide, lexicon.objection, ctx, { call: utterances }).filter(
    // An unsure-speaker utterance with a refusal is taken as the customer's only if the next turn is the agent's.
    (hit) => hit.utterance.speaker === "customer" || utterances[hit.utterance.index + 1]?.speaker === "agent",
  );
  const events: ObjectionEvent[] = [];
  let lastUtterance = -1;
  for (const hit of hits) {
    if (hit.utterance.index === lastUtterance) continue;
    lastUtterance = hit.utterance.index;
    const followUps = utterances
      .slice(hit.utterance.index + 1)
      .filter((u) => u.speaker === "agent")
      .slice(0, followUpTurns);
    const continuing = [...lexicon.hardPitch, ...lexicon.softPitch, ...lexicon.pushback];
    const continuedWith = followUps.map((u) => firstMatchIn(u, continuing, ctx)).find((e) => e !== null) ?? undefined;
    events.push({ ...toEvidence(hit), honored: !continuedWith, ...(continuedWith ? { continuedWith } : {}) });
  }
  return events;
}
