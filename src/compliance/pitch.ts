import type { CompiledCue } from "./cues.ts";
import { disclosingSentences, type Disclosures } from "./elements.ts";
import { matchCueInSentence, type CueMatch, type MatchContext } from "./match.ts";
import { firstHit, inCallOrder, scanHits, startsBefore, toEvidence, whereSentenceBegan, type Hit, type PreparedUtterance } from "./prepared.ts";
import { windowsOf, type Sentence } from "./text/normalize.ts";
import type { Lexicon, NeedsQuestionRule } from "./rule-pack.ts";
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
  disclosures: Disclosures,
  refusals: Hit[],
  disguise: Hit | undefined,
): PitchFinding | null {
  const candidates: Array<{ hit: Hit; kind: PitchKind }> = [];
  const speakers = agentSide(utterances);
  const hard = firstHit(speakers, lexicon.hardPitch, ctx, { call: utterances });
  if (hard) candidates.push({ hit: whereSentenceBegan(hard, utterances, ctx), kind: "hard" });
  if (mode === "strict") {
    // A soft pitch after the hard one's utterance and the next cannot come first, even moved back to where its sentence began.
    const softScan = scanHits(speakers, lexicon.softPitch, ctx, { call: utterances });
    const soft = hard ? softScan.through(hard.utterance.index + 1)[0] : softScan.find();
    if (soft) candidates.push({ hit: whereSentenceBegan(soft, utterances, ctx), kind: "soft" });
  }
  const first = candidates.reduce<(typeof candidates)[number] | null>(
    (best, c) => (!best || startsBefore(c.hit, best.hit) ? c : best),
    null,
  );
  const question = mode === "strict" ? findNeedsQuestion(utterances, lexicon, ctx, disclosures, [...refusals.slice(0, 1), ...(disguise ? [disguise] : [])], first?.hit ?? null) : null;
  const onset = question ? { hit: question, kind: "soft" as const } : first;
  if (!onset) return null;
  const { utteranceIndex, start, end, text, cue, score } = toEvidence(onset.hit);
  return { onset: { utteranceIndex, start, end, text, cue, score, kind: onset.kind }, hit: onset.hit };
}

function withoutSoftFillers(sentence: Sentence): Sentence {
  const tokens = sentence.tokens.filter((t) => !t.soft);
  return { ...sentence, tokens, windows: windowsOf(tokens) };
}

function firstMatch(cues: CompiledCue[], sentence: Sentence, ctx: MatchContext): CueMatch | null {
  for (const cue of cues) {
    const match = matchCueInSentence(cue, sentence, ctx);
    if (match) return match;
  }
  return null;
}

/**
 * The sentence as a needs question (see `NeedsQuestionRule`), or null: written as a question,
 * about the customer, asking for nothing else. Whether it states a disclosure is the caller's to check.
 */
export function needsQuestionMatch(sentence: Sentence, rule: NeedsQuestionRule, ctx: MatchContext): CueMatch | null {
  if (!sentence.question && (sentence.punctuated || !firstMatch(rule.asks, sentence, ctx))) return null;
  // "Should, you know, I?" is not about the customer: soft fillers do not count.
  const about = firstMatch(rule.about, withoutSoftFillers(sentence), ctx);
  return about && !firstMatch(rule.not, sentence, ctx) ? { ...about, cue: `question: ${about.cue}` } : null;
}

/**
 * The first needs-discovery question before `before` that no cue knows (see `NeedsQuestionRule`),
 * or null. It is looked for once the call is presented, as what it is or as something else (a
 * survey's questions about the customer's heating bill gather needs as much as a salesman's:
 * the first disguise is one of `openers`), or once the customer has refused (the first refusal
 * is the other): a question about their situation after "I'm not interested" goes on selling,
 * as it does for the objection (objections.ts).
 */
function findNeedsQuestion(utterances: PreparedUtterance[], lexicon: Lexicon, ctx: MatchContext, disclosures: Disclosures, openers: Hit[], before: Hit | null): Hit | null {
  const rule = lexicon.needsQuestions;
  if (!rule) return null;
  const speakers = agentSide(utterances);
  const presented = [...rule.after.flatMap((id) => disclosures.get(id)?.find() ?? []), ...openers].sort(inCallOrder)[0];
  if (!presented) return null;
  const disclosing = disclosingSentences(disclosures);
  for (const utterance of speakers) {
    for (const [sentenceIndex, sentence] of utterance.sentences.entries()) {
      const place = { utterance, sentenceIndex, match: { startToken: 0, endToken: sentence.tokens.length, score: 1, cue: "" } };
      if (!startsBefore(presented, place)) continue;
      if (before && !startsBefore(place, before)) return null;
      // Whether it discloses is asked last: the disclosures are then read only as far as a question.
      const match = needsQuestionMatch(sentence, rule, ctx);
      if (match && !disclosing(utterance, sentenceIndex)) return { ...place, match };
    }
  }
  return null;
}
