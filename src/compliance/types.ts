import type { Language, Transcript } from "../transcript/types.ts";

/** The required disclosures and behavioural rules checked in every call (see shared RULES.md). */
export type ElementId =
  | "ID_CALLER"
  | "ART14_IDENTITY"
  | "COMMERCIAL_NATURE"
  | "ART14_PURPOSE"
  | "ART14_SOURCE"
  | "ART21_OBJECTION_INFO"
  | "REC_NOTICE"
  | "REC_OBJECTION_RIGHT"
  | "BLOCTEL_MENTION"
  | "OBJECTION_HONORED";

/** Canonical element statuses (DESIGN.md, Vocabulary). */
export type ElementStatus = "present" | "late" | "missing" | "violated" | "undeterminable" | "not_applicable";

/** Canonical call verdicts (DESIGN.md, Vocabulary). */
export type CallVerdict = "compliant" | "non_compliant" | "needs_review" | "not_applicable";

/** Where in the transcript a cue was found. */
export interface Evidence {
  utteranceIndex: number;
  start: number;
  end: number;
  /** The sentence that matched, as spoken. */
  text: string;
  /** The rule-pack cue that matched it. */
  cue: string;
  /** Match strength, 0..1 (1 = exact words; lower for fuzzy or phonetic matches). */
  score: number;
}

export interface ElementFinding {
  id: ElementId;
  status: ElementStatus;
  evidence?: Evidence;
  /** For `missing` and `late`: the time (s) by which it was due, i.e. the pitch onset. */
  dueBy?: number;
  /** How far the status can be trusted, 0..1 (speaker or ASR uncertainty lowers it). */
  confidence: number;
  /** Why the status was chosen when it is not self-evident (e.g. not applicable, undeterminable). */
  reason?: string;
}

export type PitchKind = "hard" | "soft";

export interface PitchOnset extends Evidence {
  kind: PitchKind;
}

/** The customer refused or objected; `honored` tells whether the agent stopped pitching. */
export interface ObjectionEvent extends Evidence {
  honored: boolean;
  /** The agent utterance that kept pitching after the objection, if any. */
  continuedWith?: Evidence;
}

/** Per-campaign (or per-call) settings that the rule pack is applied with. */
export interface CallSettings {
  /** Language of the call; "auto" lets the engine pick from the text. */
  language: Language | "auto";
  brands: string[];
  callCentres: string[];
  /** Known origins of the leads (partner sites, contests...), matched by name. */
  dataSources: string[];
  /** ISO date-time of the call; a date without offset is read in Europe/Paris time. */
  calledAt?: string;
  /** Whether the call is recorded; REC_* rules apply only then. */
  recorded: boolean;
  /** "own_customers": the data came from the person (GDPR Art. 13), so ART14_SOURCE does not apply. */
  leadOrigin: "third_party" | "own_customers";
  /** strict: a needs-discovery question with commercial intent starts the pitch (default). */
  pitchMode: "strict" | "hard_only";
}

export interface RulePackRef {
  id: string;
  version: string;
}

/** The engine's result for one call. */
export interface CallAnalysis {
  verdict: CallVerdict;
  language: Language;
  pitchOnset: PitchOnset | null;
  elements: ElementFinding[];
  objections: ObjectionEvent[];
  rulePack: RulePackRef;
  transcript: Transcript;
}
