import { analyzeCall } from "../compliance/analyze.ts";
import type { RulePack } from "../compliance/rule-pack.ts";
import type { CallAnalysis, CallSettings } from "../compliance/types.ts";
import type { Speaker, Transcript, TranscriptOrigin, Utterance } from "../transcript/types.ts";
import { newAlerts } from "./alerts.ts";
import { checklistChanged, liveChecklist } from "./checklist.ts";
import type { ChecklistItem, ServerMessage, UtteranceMessage } from "./protocol.ts";
import { Sequencer, type SeqNotice } from "./sequencer.ts";

export interface LiveSessionOptions {
  settings: CallSettings;
  pack: RulePack;
  origin: TranscriptOrigin;
  /** Final utterances a session may hold; later ones are refused. */
  maxUtterances: number;
  /** Out-of-order messages held while waiting for a missing number, before it is declared lost. */
  maxHeldOutOfOrder: number;
}

/** An utterance of the call with the sequence number it is known by (the client's, or the server's in audio mode). */
interface Numbered {
  seq: number;
  utterance: Utterance;
}

/**
 * One live call's state, without I/O: the transcript so far (final utterances in time order),
 * the last analysis and checklist, and what the agent has already been told. Each method returns
 * the messages to send; the socket layer only delivers them.
 */
export class LiveSession {
  readonly #options: LiveSessionOptions;
  readonly #sequencer: Sequencer<UtteranceMessage>;
  readonly #finals: Numbered[] = [];
  /** The latest non-final hypothesis per speaker: shown nowhere, replaced by the next message of that speaker. */
  readonly #provisional = new Map<Speaker, UtteranceMessage>();
  #analysis: CallAnalysis | null = null;
  #checklist: ChecklistItem[] | null = null;
  #dirty = true;
  #refusedTooLong = false;

  constructor(options: LiveSessionOptions) {
    this.#options = options;
    this.#sequencer = new Sequencer(options.maxHeldOutOfOrder);
  }

  get utteranceCount(): number {
    return this.#finals.length;
  }

  /** Transcript mode: one utterance message from the client's recognizer, in whatever order it came. */
  receiveUtterance(message: UtteranceMessage): ServerMessage[] {
    const { ready, notices } = this.#sequencer.push(message.seq, message);
    const out = notices.map(noticeMessage);
    for (const { item } of ready) out.push(...this.#accept(item));
    return out;
  }

  /** Audio mode: an utterance the server heard and transcribed; returns its number. */
  addHeard(utterance: Utterance): number {
    const seq = this.#finals.length + 1;
    this.#insert({ seq, utterance });
    return seq;
  }

  /** Re-runs the engine when the transcript changed; returns the checklist (if it changed) and any new alerts. */
  update(): ServerMessage[] {
    if (!this.#dirty) return [];
    this.#dirty = false;
    const analysis = analyzeCall(this.transcript(), this.#options.settings, this.#options.pack);
    const seqOf = (index: number) => this.#finals[index]?.seq ?? null;
    const checklist = liveChecklist(analysis, this.#options.settings, this.#options.pack, seqOf);
    const out: ServerMessage[] = [];
    if (checklistChanged(this.#checklist, checklist)) out.push({ type: "checklist", elements: checklist });
    for (const alert of newAlerts(this.#analysis, analysis, checklist, seqOf)) out.push({ type: "alert", ...alert });
    this.#analysis = analysis;
    this.#checklist = checklist;
    return out;
  }

  /**
   * Ends the call: releases any messages still waiting for a missing number, then analyzes the
   * whole transcript once more, exactly as a batch upload would be.
   */
  finish(): { messages: ServerMessage[]; analysis: CallAnalysis } {
    const { ready, notices } = this.#sequencer.flush();
    const messages = notices.map(noticeMessage);
    for (const { item } of ready) messages.push(...this.#accept(item));
    messages.push(...this.update());
    const analysis = this.#analysis ?? analyzeCall(this.transcript(), this.#options.settings, this.#options.pack);
    const { verdict, pitchOnset, elements, objections, rulePack } = analysis;
    messages.push({ type: "verdict", verdict, pitchOnset, elements, objections, rulePack });
    return { messages, analysis };
  }

  transcript(): Transcript {
    const language = this.#options.settings.language;
    return {
      utterances: this.#finals.map((n) => n.utterance),
      origin: this.#options.origin,
      ...(language !== "auto" ? { language } : {}),
    };
  }

  #accept(message: UtteranceMessage): ServerMessage[] {
    if (!message.final) {
      this.#provisional.set(message.speaker, message);
      return [];
    }
    this.#provisional.delete(message.speaker);
    if (this.#finals.length >= this.#options.maxUtterances) {
      if (this.#refusedTooLong) return [];
      this.#refusedTooLong = true;
      return [{ type: "error", code: "SESSION_TOO_LONG", message: `a session holds at most ${this.#options.maxUtterances} utterances; later ones are ignored`, seq: message.seq }];
    }
    const { speaker, start, end, text } = message;
    this.#insert({ seq: message.seq, utterance: { speaker, start, end, text } });
    return [];
  }

  /** Keeps time order: an utterance goes after every one that started no later (arrival order breaks ties). */
  #insert(numbered: Numbered): void {
    let lo = 0;
    let hi = this.#finals.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#finals[mid]!.utterance.start <= numbered.utterance.start) lo = mid + 1;
      else hi = mid;
    }
    this.#finals.splice(lo, 0, numbered);
    this.#dirty = true;
  }
}

function noticeMessage(notice: SeqNotice): ServerMessage {
  return notice.kind === "duplicate"
    ? { type: "error", code: "SEQ_DUPLICATE", message: `seq ${notice.seq} was already received; ignored`, seq: notice.seq }
    : { type: "error", code: "SEQ_GAP", message: `utterances ${notice.missing.from}..${notice.missing.to} never arrived; going on without them`, seq: notice.missing.from };
}
