import type { Language, Speaker, Transcript, Utterance } from "../transcript/types.ts";
import type { CueMatch, MatchContext } from "./match.ts";
import { matchCueInSentence } from "./match.ts";
import type { CompiledCue } from "./cues.ts";
import type { Lexicon, Thresholds } from "./rule-pack.ts";
import { toSentences, type Sentence } from "./text/normalize.ts";
import type { Evidence } from "./types.ts";

/** An utterance made ready for matching: its sentences tokenized once, its role settled. */
export interface PreparedUtterance {
  index: number;
  /** The role the engine uses: a speaker guessed with too little confidence becomes "unknown". */
  speaker: Speaker;
  start: number;
  end: number;
  sentences: Sentence[];
  /** Trust in the role attribution for agent-side findings, 0..1. */
  roleConfidence: number;
  lowAsrConfidence: boolean;
}

/** Where a cue matched, ordered in call time: utterance, then sentence, then word. */
export interface Hit {
  utterance: PreparedUtterance;
  sentenceIndex: number;
  match: CueMatch;
}

/** The role the engine uses for an utterance and its trust in it. */
export function settleRole(u: Utterance, thresholds: Thresholds): Pick<PreparedUtterance, "speaker" | "roleConfidence"> {
  const unsure = u.speakerConfidence !== undefined && u.speakerConfidence < thresholds.lowSpeakerConfidence;
  const speaker: Speaker = unsure ? "unknown" : u.speaker;
  return { speaker, roleConfidence: speaker === "unknown" ? thresholds.unknownSpeakerConfidence : 1 };
}

export function prepareUtterances(transcript: Transcript, language: Language, lexicon: Lexicon, thresholds: Thresholds): PreparedUtterance[] {
  return transcript.utterances.map((u, index) => ({
    index,
    ...settleRole(u, thresholds),
    start: u.start,
    end: u.end,
    sentences: toSentences(u.text, language, lexicon.fillers),
    lowAsrConfidence: u.asrConfidence !== undefined && u.asrConfidence < thresholds.lowAsrConfidence,
  }));
}

/** Every (sentence, cue) match in the given utterances, in call order; one hit per sentence. */
export function findHits(utterances: PreparedUtterance[], cues: CompiledCue[], ctx: MatchContext): Hit[] {
  const hits: Hit[] = [];
  for (const utterance of utterances) {
    utterance.sentences.forEach((sentence, sentenceIndex) => {
      for (const cue of cues) {
        const match = matchCueInSentence(cue, sentence, ctx);
        if (match) {
          hits.push({ utterance, sentenceIndex, match });
          return;
        }
      }
    });
  }
  return hits;
}

/** True when hit `a` starts strictly before hit `b` in the call. */
export function startsBefore(a: Hit, b: Hit): boolean {
  if (a.utterance.index !== b.utterance.index) return a.utterance.index < b.utterance.index;
  if (a.sentenceIndex !== b.sentenceIndex) return a.sentenceIndex < b.sentenceIndex;
  return a.match.startToken < b.match.startToken;
}

export function toEvidence(hit: Hit): Evidence {
  return {
    utteranceIndex: hit.utterance.index,
    start: hit.utterance.start,
    end: hit.utterance.end,
    text: hit.utterance.sentences[hit.sentenceIndex]!.text,
    cue: hit.match.cue,
    score: Math.round(hit.match.score * 1000) / 1000,
  };
}
