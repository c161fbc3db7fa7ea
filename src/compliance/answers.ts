import type { CompiledCue } from "./cues.ts";
import type { MatchContext } from "./match.ts";
import { firstCueMatch, startsBefore, type Hit, type PreparedUtterance } from "./prepared.ts";

/**
 * A disclosure given as the answer to the customer's question: "Is this call recorded?" /
 * "Yeah, all our calls are"; "Who are you with?" / "Orvane". The answer alone says nothing;
 * with the question it states the element, as a compliance officer reading the call would
 * take it.
 */
export interface AnswerCue {
  /** The customer's question (any of these cues, in any sentence of the customer's turn). */
  question: CompiledCue[];
  /** The agent's answer (any of these cues, in the first sentences of the agent's turns that answer). */
  answer: CompiledCue[];
  /**
   * A denial that, said first, makes a later answer cue answer something else: "Is this Nimbus?"
   * / "No, I'm Aaron from Clearwave... so yes, it's a sales call" says no to the question.
   */
  denial: CompiledCue[];
}

/** How many agent turns in a row, right after the question, may hold its answer ("Oui, tout à fait." / "Mais si vous préférez pas, je le coupe."). */
const ANSWER_TURNS = 2;

/** How many sentences of each answering turn may hold the answer ("Oui, ça l'est. Mais vous pouvez refuser."). */
const ANSWER_SENTENCES = 2;

/** The first hit of the cues in the first `sentences` sentences of each turn, in call order (a customer's turn is checked for each element's questions: no scan state). */
function firstHitIn(turns: PreparedUtterance[], cues: CompiledCue[], ctx: MatchContext, sentences: number): Hit | undefined {
  for (const utterance of turns) {
    for (let sentenceIndex = 0; sentenceIndex < Math.min(sentences, utterance.sentences.length); sentenceIndex++) {
      const match = firstCueMatch(utterance.sentences[sentenceIndex]!, cues, ctx);
      if (match) return { utterance, sentenceIndex, match };
    }
  }
  return undefined;
}

/** Hits for answers to the customer's questions, on the answering agent turn. `utterances` is the whole call. */
export function findAnswerHits(utterances: PreparedUtterance[], cues: readonly AnswerCue[], ctx: MatchContext): Hit[] {
  const hits: Hit[] = [];
  if (cues.length === 0) return hits;
  utterances.forEach((turn, position) => {
    if (turn.speaker !== "customer") return;
    // The answer starts at the very next turn and ends when the customer speaks again: a later turn may answer something else.
    const replies: PreparedUtterance[] = [];
    for (const next of utterances.slice(position + 1, position + 1 + ANSWER_TURNS)) {
      if (next.speaker === "customer") break;
      replies.push(next);
    }
    if (replies.length === 0) return;
    for (const cue of cues) {
      const asked = firstHitIn([turn], cue.question, ctx, Infinity);
      if (!asked) continue;
      const answered = firstHitIn(replies, cue.answer, ctx, ANSWER_SENTENCES);
      if (!answered) continue;
      const denied = firstHitIn(replies, cue.denial, ctx, ANSWER_SENTENCES);
      if (denied && startsBefore(denied, answered)) continue;
      hits.push({ ...answered, match: { ...answered.match, cue: `${asked.match.cue} ? -> ${answered.match.cue}` } });
      return;
    }
  });
  return hits;
}
