import type { MatchContext } from "./match.ts";
import { disclosingSentences, type Disclosures, type SentencePredicate } from "./elements.ts";
import { needsQuestionMatch } from "./pitch.ts";
import { findHits, firstHit, toEvidence, type Hit, type PreparedUtterance } from "./prepared.ts";
import type { Lexicon } from "./rule-pack.ts";
import type { ObjectionEvent } from "./types.ts";

/**
 * A needs question in the agent's turn after a refusal ("Just out of curiosity, what do you do for
 * exercise at the moment?"): selling goes on, whatever no cue knows about the product.
 */
function askedAboutNeeds(utterance: PreparedUtterance, lexicon: Lexicon, ctx: MatchContext, disclosing: SentencePredicate): Hit | undefined {
  const rule = lexicon.needsQuestions;
  if (!rule) return undefined;
  for (const [sentenceIndex, sentence] of utterance.sentences.entries()) {
    const match = needsQuestionMatch(sentence, rule, ctx);
    if (match && !disclosing(utterance, sentenceIndex)) return { utterance, sentenceIndex, match };
  }
  return undefined;
}

/** The customer's refusals and objections, in call order. */
export function findRefusals(utterances: PreparedUtterance[], lexicon: Lexicon, ctx: MatchContext): Hit[] {
  const customerSide = utterances.filter((u) => u.speaker !== "agent");
  return findHits(customerSide, lexicon.objection, ctx, { call: utterances }).filter(
    // An unsure-speaker utterance with a refusal is taken as the customer's only if the next turn is the agent's.
    (hit) => hit.utterance.speaker === "customer" || utterances[hit.utterance.index + 1]?.speaker === "agent",
  );
}

/**
 * Each refusal checked against the agent's next turns: an objection is honoured when none of
 * them pitches again or argues to go on (RULES.md, OBJECTION_HONORED).
 */
export function findObjections(
  utterances: PreparedUtterance[],
  refusals: Hit[],
  lexicon: Lexicon,
  ctx: MatchContext,
  followUpTurns: number,
  disclosures: Disclosures,
): ObjectionEvent[] {
  const disclosing = disclosingSentences(disclosures);
  const events: ObjectionEvent[] = [];
  let lastUtterance = -1;
  for (const hit of refusals) {
    if (hit.utterance.index === lastUtterance) continue;
    lastUtterance = hit.utterance.index;
    const followUps = utterances
      .slice(hit.utterance.index + 1)
      .filter((u) => u.speaker === "agent")
      .slice(0, followUpTurns);
    const continuing = [...lexicon.hardPitch, ...lexicon.softPitch, ...lexicon.pushback];
    const pushOn = followUps.map((u) => firstHit([u], continuing, ctx) ?? askedAboutNeeds(u, lexicon, ctx, disclosing)).find((h) => h !== undefined);
    const { utteranceIndex, start, end, text, cue, score } = toEvidence(hit);
    // Every field named, not spread: V8 defines a spread's fields one by one at run time.
    events.push(
      pushOn
        ? { utteranceIndex, start, end, text, cue, score, honored: false, continuedWith: toEvidence(pushOn) }
        : { utteranceIndex, start, end, text, cue, score, honored: true },
    );
  }
  return events;
}
