import type { Language, Speaker, Transcript, Utterance } from "../transcript/types.ts";
import type { CueMatch, MatchContext, RunOnSentence } from "./match.ts";
import type { CueScreen } from "./cue-screen.ts";
import { cached, indexJoined, matchCueInSentence, matchPattern, screenOf, someCueMayMatchJoined } from "./match.ts";
import { firstSlotOfList, mayHold, nextCandidate } from "./cue-screen.ts";
import type { CompiledCue, CompiledPattern } from "./cues.ts";
import type { Lexicon, Thresholds } from "./rule-pack.ts";
import { toSentences, windowsOf, wordsAsRead, type Sentence, type StemmedWord, type Token } from "./text/normalize.ts";
import type { Evidence } from "./types.ts";

/** An utterance made ready for matching: its sentences tokenized once, its role settled. */
export interface PreparedUtterance {
  index: number;
  /** The utterance as written, to quote from. */
  text: string;
  /** The role the engine uses: a speaker guessed with too little confidence becomes "unknown". */
  speaker: Speaker;
  start: number;
  end: number;
  sentences: Sentence[];
  /** Trust in the role attribution for agent-side findings, 0..1. */
  roleConfidence: number;
  lowAsrConfidence: boolean;
  /**
   * The utterance stops mid-sentence: no final punctuation, and its last word cannot end a
   * sentence ("say no to", "vous pouvez"): the thought may go on in the next utterance.
   */
  endsOpen: boolean;
}

/** Where a cue matched, ordered in call time: utterance, then sentence, then word. */
export interface Hit {
  utterance: PreparedUtterance;
  sentenceIndex: number;
  match: CueMatch;
  /** The words matched in, when they run on into the next utterance (see `findHits`). */
  sentence?: Sentence;
}

/** The utterance with another settled role (see roles.ts), every field named: a spread over it is defined field by field at run time. */
export function withRole(u: PreparedUtterance, role: Pick<PreparedUtterance, "speaker" | "roleConfidence">): PreparedUtterance {
  return { index: u.index, text: u.text, speaker: role.speaker, roleConfidence: role.roleConfidence, start: u.start, end: u.end, sentences: u.sentences, lowAsrConfidence: u.lowAsrConfidence, endsOpen: u.endsOpen };
}

/** The role the engine uses for an utterance and its trust in it. */
export function settleRole(u: Utterance, thresholds: Thresholds): Pick<PreparedUtterance, "speaker" | "roleConfidence"> {
  const unsure = u.speakerConfidence !== undefined && u.speakerConfidence < thresholds.lowSpeakerConfidence;
  const speaker: Speaker = unsure ? "unknown" : u.speaker;
  return { speaker, roleConfidence: speaker === "unknown" ? thresholds.unknownSpeakerConfidence : 1 };
}

const FINAL_PUNCTUATION = /[.!?…]["'’»)\]]*\s*$/;
/** A turn cut off with a comma or a dash was cut mid-sentence, whatever its last word. */
const CONTINUING_PUNCTUATION = /[,;:\-–—]\s*$/;
/** A turn that trails off ("le droit de dire non à...") ends mid-sentence when its last word cannot end one. */
const TRAILING_OFF = /(\.\.\.|…)\s*$/;

function endsOpen(text: string, sentences: Sentence[], lexicon: Lexicon): boolean {
  const last = sentences.at(-1)?.tokens.at(-1);
  if (last === undefined) return false;
  if (CONTINUING_PUNCTUATION.test(text)) return true;
  return (!FINAL_PUNCTUATION.test(text) || TRAILING_OFF.test(text)) && lexicon.openEndings.has(last.norm);
}

/** Marks the words of each configured name where the sentence says the name as configured (see `Token.inName`). */
function markNames(tokens: Token[], names: string[][]): void {
  for (const name of names) {
    for (let at = 0; at + name.length <= tokens.length; at++) {
      // The first word is compared before the others: most words start no name.
      if (tokens[at]!.norm === name[0] && name.every((word, k) => tokens[at + k]!.norm === word)) for (let k = 0; k < name.length; k++) tokens[at + k]!.inName = true;
    }
  }
}

export function prepareUtterances(
  transcript: Transcript,
  language: Language,
  lexicon: Lexicon,
  thresholds: Thresholds,
  names: readonly string[] = [],
): PreparedUtterance[] {
  const rules = { fillers: lexicon.fillers, softFillers: lexicon.softFillers, spokenForms: lexicon.spokenForms, knownStems: lexicon.knownStems, stems: new Map<string, StemmedWord>() };
  const nameWords = names.map((name) => wordsAsRead(name, language, rules)).filter((words) => words.length > 0);
  return transcript.utterances.map((u, index) => {
    const sentences = toSentences(u.text, language, rules);
    for (const sentence of sentences) markNames(sentence.tokens, nameWords);
    const { speaker, roleConfidence } = settleRole(u, thresholds);
    // Every field named, no spread: a spread in the middle of a literal is defined field by field at run time.
    return {
      index,
      text: u.text,
      speaker,
      roleConfidence,
      start: u.start,
      end: u.end,
      sentences,
      lowAsrConfidence: u.asrConfidence !== undefined && u.asrConfidence < thresholds.lowAsrConfidence,
      endsOpen: endsOpen(u.text, sentences, lexicon),
    };
  });
}

export interface FindOptions {
  /**
   * Also match across two utterances in a row of the same side when the first stops mid-sentence
   * ("you can, like, say no to" / "any more calls from us", see `endsOpen`): speech segmentation
   * cuts at pauses, not at the end of a thought. The other side may cut in between ("opt out of" /
   * "sorry?" / "of these sales calls"). Such a match must span the cut (otherwise one of the two
   * utterances has it alone) and is dated at the first utterance, where the sentence began.
   */
  runOn?: boolean;
  /**
   * Also match the cues marked `acrossSentences` over two sentences in a row, of one utterance or
   * of two turns of the same side with at most one turn of the other side between them, when the
   * match spans them: a disclosure may name its subject first and refer back to it ("Vous
   * connaissez Fibralis ? C'est pour eux que je vous appelle"). Within one utterance, the two may
   * have a short aside between them ("This call is recorded. Not keen? Tell me and I'll stop it").
   */
  acrossSentences?: boolean;
  /** The whole call, to read the turns around a hit for cues with `notAfter` or `notBefore`; without it they are not checked. */
  call?: PreparedUtterance[];
  /** The indexes of the customer's utterances with a refusal, for cues marked `notInReplyToRefusal` (read with `call`). */
  refused?: ReadonlySet<number>;
}

function says(utterance: PreparedUtterance, patterns: CompiledPattern[], ctx: MatchContext): boolean {
  return utterance.sentences.some((s) => patterns.some((p) => matchPattern(p, s.tokens, ctx) !== null));
}

/**
 * Whether the utterance is part of the agent's reply to a refusal: the customer's turn just
 * before the agent's (of one or more utterances each) has one of the `refused` utterances.
 */
function repliesToRefusal(utterance: PreparedUtterance, call: PreparedUtterance[], refused: ReadonlySet<number>): boolean {
  let at = utterance.index - 1;
  while (at >= 0 && call[at]!.speaker === utterance.speaker) at--;
  for (; at >= 0 && call[at]!.speaker !== utterance.speaker; at--) if (refused.has(at)) return true;
  return false;
}

/**
 * The cue is voided by its context in the call: what the other side said just before (its
 * `notAfter` patterns, or a refusal when it is marked `notInReplyToRefusal`) or what the same
 * side says right after (its `notBefore` patterns).
 */
function voidedByContext(cue: CompiledCue, utterance: PreparedUtterance, options: FindOptions, ctx: MatchContext): boolean {
  const { call, refused } = options;
  if (!call) return false;
  if (cue.notInReplyToRefusal && refused && repliesToRefusal(utterance, call, refused)) return true;
  const before = call[utterance.index - 1];
  if (cue.notAfter.length > 0 && before && before.speaker !== utterance.speaker && says(before, cue.notAfter, ctx)) return true;
  const after = call[utterance.index + 1];
  return cue.notBefore.length > 0 && after !== undefined && after.speaker === utterance.speaker && says(after, cue.notBefore, ctx);
}

/** The sentence that runs on from `last` into `first`, built once per analysis (cached in the match context). */
function runOnSentence(last: Sentence, first: Sentence, ctx: MatchContext): RunOnSentence {
  const byFirst = cached(ctx.runOns, last, () => new Map<Sentence, RunOnSentence>());
  return cached(byFirst, first, () => {
    const tokens = [...last.tokens, ...first.tokens];
    indexJoined(tokens, last.tokens, first.tokens, ctx);
    return { sentence: { text: `${last.text} ${first.text}`, tokens, windows: windowsOf(tokens), question: first.question, punctuated: last.punctuated || first.punctuated }, cut: last.tokens.length };
  });
}

const acceptAny = () => true;

/** The cue's match in the sentence when its screen lets it through and `accept` takes it, else null. */
function tryCue(cue: CompiledCue, sentence: Sentence, screen: CueScreen | null, ctx: MatchContext, accept: (cue: CompiledCue, match: CueMatch) => boolean): CueMatch | null {
  if (!mayHold(cue, screen)) return null;
  // A cue the screen let through has had its required words checked in the sentence.
  const match = matchCueInSentence(cue, sentence, ctx, screen !== null && cue.screenSlot !== undefined);
  return match && accept(cue, match) ? match : null;
}

/**
 * The first cue, in cue order, that matches the sentence with a match `accept` takes (any, when
 * omitted); cues the sentence's screen rules out are not tried.
 */
export function firstCueMatch(sentence: Sentence, cues: CompiledCue[], ctx: MatchContext, accept: (cue: CompiledCue, match: CueMatch) => boolean = acceptAny): CueMatch | null {
  const screen = screenOf(sentence.tokens, ctx);
  const first = screen ? firstSlotOfList(cues, ctx.cueScreen) : undefined;
  if (screen && first !== undefined) {
    const end = first + cues.length;
    for (let slot = nextCandidate(screen, first, end); slot < end; slot = nextCandidate(screen, slot + 1, end)) {
      const match = tryCue(cues[slot - first]!, sentence, screen, ctx, accept);
      if (match) return match;
    }
    return null;
  }
  for (const cue of cues) {
    const match = tryCue(cue, sentence, screen, ctx, accept);
    if (match) return match;
  }
  return null;
}

/** The longest aside that a cue marked `acrossSentences` may span between its two sentences ("Not keen?", "Ça vous embête ?"). */
const MAX_ASIDE_WORDS = 4;

function wordCount(sentence: Sentence): number {
  return sentence.tokens.filter((t) => !t.soft).length;
}

/** A match of one of the cues in two sentences joined, that needs both (it spans the cut). */
function spanningMatch(first: Sentence, second: Sentence, cues: CompiledCue[], ctx: MatchContext): { match: CueMatch; sentence: Sentence } | null {
  if (!someCueMayMatchJoined(cues, first.tokens, second.tokens, ctx)) return null;
  const { sentence, cut } = runOnSentence(first, second, ctx);
  const match = firstCueMatch(sentence, cues, ctx, (_, m) => m.startToken < cut && m.endToken > cut);
  return match && { match, sentence };
}

/**
 * Two sentences in a row of an utterance as the utterance writes them (with the punctuation
 * between them), so that evidence over both is still a quote of the transcript.
 */
function quoteOfPair(utterance: PreparedUtterance, first: Sentence, second: Sentence): string {
  const from = utterance.text.indexOf(first.text);
  const to = from < 0 ? -1 : utterance.text.indexOf(second.text, from + first.text.length);
  return to < 0 ? `${first.text} ${second.text}` : utterance.text.slice(from, to + second.text.length);
}

/**
 * The hits of some cues in some utterances, found as they are asked for: most questions are about
 * the first hit (the pitch onset, a disclosure's first statement) or the hits up to some point of
 * the call, and the utterances after it need not be read. Hits come in call order (`inCallOrder`),
 * one per sentence; `extra` hits found otherwise (answers to the customer's questions) are merged
 * in, after the scanned hits they tie with.
 */
export interface HitScan {
  /** The first hit, in call order, that `accept` takes (any hit when omitted). */
  find(accept?: (hit: Hit) => boolean): Hit | undefined;
  /** Every hit dated at or before the utterance of index `utteranceIndex`, in call order. */
  through(utteranceIndex: number): readonly Hit[];
}

/** Every (sentence, cue) match in the given utterances, in call order; one hit per sentence. */
export function findHits(utterances: PreparedUtterance[], cues: CompiledCue[], ctx: MatchContext, options: FindOptions = {}): Hit[] {
  return [...scanHits(utterances, cues, ctx, options).through(Infinity)];
}

/** The first (sentence, cue) match in the given utterances, in call order. */
export function firstHit(utterances: PreparedUtterance[], cues: CompiledCue[], ctx: MatchContext, options: FindOptions = {}): Hit | undefined {
  if (options.runOn || options.acrossSentences) return scanHits(utterances, cues, ctx, options).find();
  // One sentence at a time, nothing spans two: the first match read is the first hit. Asked
  // about every turn of the call (answers, push-ons), so without a scan's state.
  for (const utterance of utterances) {
    for (let sentenceIndex = 0; sentenceIndex < utterance.sentences.length; sentenceIndex++) {
      const match = firstCueMatch(utterance.sentences[sentenceIndex]!, cues, ctx, (cue) => !voidedByContext(cue, utterance, options, ctx));
      if (match) return { utterance, sentenceIndex, match };
    }
  }
  return undefined;
}

/**
 * Reads the utterances one by one as the hits are asked for (see `HitScan`). Once the utterances up
 * to one are read, every hit dated at or before it is known: a hit is dated at the utterance read
 * or a later one of the same side (a statement referred back to in the next turn).
 */
export function scanHits(utterances: PreparedUtterance[], cues: CompiledCue[], ctx: MatchContext, options: FindOptions = {}, extra: readonly Hit[] = []): HitScan {
  return new LazyHitScan(utterances, cues, ctx, options, extra);
}

/** A class, not closures: a scan is made for every element of every call, and its methods are made once. */
class LazyHitScan implements HitScan {
  private readonly hits: Hit[];
  /** Which hits were scanned, where ties with extra hits must be told apart. */
  private readonly scanned: Set<Hit> | null;
  private readonly spanningCues: CompiledCue[];
  /** How many of the utterances are read. */
  private read = 0;

  constructor(
    private readonly utterances: PreparedUtterance[],
    private readonly cues: CompiledCue[],
    private readonly ctx: MatchContext,
    private readonly options: FindOptions,
    extra: readonly Hit[],
  ) {
    this.hits = [...extra];
    this.scanned = extra.length > 0 ? new Set<Hit>() : null;
    this.spanningCues = options.acrossSentences ? cues.filter((c) => c.acrossSentences) : [];
  }

  find(accept: (hit: Hit) => boolean = acceptAny): Hit | undefined {
    for (;;) {
      const upTo = this.settled();
      for (const hit of this.hits) {
        if (hit.utterance.index > upTo) break;
        if (accept(hit)) return hit;
      }
      if (this.read === this.utterances.length) return undefined;
      this.readNext();
    }
  }

  through(utteranceIndex: number): readonly Hit[] {
    while (this.read < this.utterances.length && this.utterances[this.read]!.index <= utteranceIndex) this.readNext();
    return this.hits.filter((hit) => hit.utterance.index <= utteranceIndex);
  }

  /** The index of the last utterance read, or Infinity once all are: every hit dated up to it is known. */
  private settled(): number {
    return this.read === this.utterances.length ? Infinity : this.read === 0 ? -1 : this.utterances[this.read - 1]!.index;
  }

  /** A scanned hit goes after every hit that does not start after it, but before the extra hits it ties with. */
  private add(hit: Hit): void {
    const { hits, scanned } = this;
    let at = hits.length;
    while (at > 0 && (startsBefore(hit, hits[at - 1]!) || (scanned !== null && !scanned.has(hits[at - 1]!) && !startsBefore(hits[at - 1]!, hit)))) at--;
    hits.splice(at, 0, hit);
    scanned?.add(hit);
  }

  private readNext(): void {
    const { utterances, cues, ctx, options, spanningCues } = this;
    const position = this.read++;
    const utterance = utterances[position]!;
    for (let sentenceIndex = 0; sentenceIndex < utterance.sentences.length; sentenceIndex++) this.readSentence(utterance, sentenceIndex);
    const next = utterances[position + 1];
    const last = utterance.sentences.at(-1);
    const first = next?.sentences[0];
    // At most one turn of the other side between the two ("sorry?", "euh ouais vite fait").
    if (!next || next.index > utterance.index + 2 || !last || !first) return;
    if (options.runOn && utterance.endsOpen) {
      const spanning = spanningMatch(last, first, cues, ctx);
      if (spanning) this.add({ utterance, sentenceIndex: utterance.sentences.length - 1, ...spanning });
    } else if (spanningCues.length > 0) {
      // Named in one turn, referred back to in the next ("Vous connaissez Clartéo ?" / "Oui" /
      // "C'est pour eux que j'appelle"), maybe after a short aside ("That's them. They've asked
      // us to ring on their behalf"): the statement is made, and quoted, in the second turn.
      const spanning = spanningMatch(last, first, spanningCues, ctx);
      const second = next.sentences[1];
      const over = !spanning && second && wordCount(first) <= MAX_ASIDE_WORDS ? spanningMatch(runOnSentence(last, first, ctx).sentence, second, spanningCues, ctx) : null;
      const found = spanning ?? (over && over.match.startToken < last.tokens.length ? over : null);
      if (found) {
        const cut = spanning ? last.tokens.length : last.tokens.length + first.tokens.length;
        const match = { ...found.match, startToken: Math.max(0, found.match.startToken - cut), endToken: found.match.endToken - cut };
        this.add({ utterance: next, sentenceIndex: spanning ? 0 : 1, match });
      }
    }
  }

  /** The hit of one sentence of the utterance, alone or spanning the next one or two. */
  private readSentence(utterance: PreparedUtterance, sentenceIndex: number): void {
    const { cues, ctx, options, spanningCues } = this;
    const sentence = utterance.sentences[sentenceIndex]!;
    const match = firstCueMatch(sentence, cues, ctx, (cue) => !voidedByContext(cue, utterance, options, ctx));
    if (match) {
      this.add({ utterance, sentenceIndex, match });
      return;
    }
    const next = utterance.sentences[sentenceIndex + 1];
    if (spanningCues.length === 0 || !next) return;
    const spanning = spanningMatch(sentence, next, spanningCues, ctx);
    if (spanning) {
      this.add({ utterance, sentenceIndex, match: spanning.match, sentence: { ...spanning.sentence, text: quoteOfPair(utterance, sentence, next) } });
      return;
    }
    // Over a short aside too: "The call's recorded. Not keen? Tell me and I'll stop it."
    const third = utterance.sentences[sentenceIndex + 2];
    if (!third || wordCount(next) > MAX_ASIDE_WORDS) return;
    const over = spanningMatch(runOnSentence(sentence, next, ctx).sentence, third, spanningCues, ctx);
    if (over && over.match.startToken < sentence.tokens.length) {
      this.add({ utterance, sentenceIndex, match: over.match, sentence: { ...over.sentence, text: quoteOfPair(utterance, sentence, third) } });
    }
  }
}

/** A turn written as cut mid-sentence: it ends on a comma or a dash, or, in punctuated text, on no punctuation at all. */
function cutMidSentence(utterance: PreparedUtterance): boolean {
  return CONTINUING_PUNCTUATION.test(utterance.text) || (!FINAL_PUNCTUATION.test(utterance.text) && utterance.sentences.at(-1)?.punctuated === true);
}

/**
 * The hit dated where its sentence began: a hit in the first sentence of a turn that goes on from
 * the same side's turn just before, written as cut mid-sentence (see `cutMidSentence`: "on passe
 * dans votre coin pour les vitres," / "pis on fait un forfait à 89 euros"), is moved to that turn,
 * with the two halves joined. Unpunctuated text gives no such sign: a last word that cannot end a
 * sentence (`endsOpen`) is too weak a one to move the pitch.
 */
export function whereSentenceBegan(hit: Hit, call: PreparedUtterance[], ctx: MatchContext): Hit {
  const before = call[hit.utterance.index - 1];
  const first = hit.utterance.sentences[0];
  const last = before?.sentences.at(-1);
  if (hit.sentenceIndex !== 0 || hit.sentence || !before || !first || !last || before.speaker !== hit.utterance.speaker || !cutMidSentence(before)) return hit;
  const { sentence, cut } = runOnSentence(last, first, ctx);
  const match = { ...hit.match, startToken: hit.match.startToken + cut, endToken: hit.match.endToken + cut };
  return { utterance: before, sentenceIndex: before.sentences.length - 1, match, sentence };
}

/** Comparator of hits in call order (see `startsBefore`). */
export function inCallOrder(a: Hit, b: Hit): number {
  return startsBefore(a, b) ? -1 : startsBefore(b, a) ? 1 : 0;
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
    text: (hit.sentence ?? hit.utterance.sentences[hit.sentenceIndex]!).text,
    cue: hit.match.cue,
    score: Math.round(hit.match.score * 1000) / 1000,
  };
}
