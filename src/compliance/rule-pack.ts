import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AppError } from "../errors.ts";
import type { Language } from "../transcript/types.ts";
import { expandElision, normalizeWords, stemmedWord, type StemmedWord } from "./text/normalize.ts";
import type { AnswerCue } from "./answers.ts";
import { buildCueScreenIndex, type CueScreenIndex } from "./cue-screen.ts";
import { compileCue, compiledSources, type CompiledCue, type CompiledPattern, type CompiledSources, type CueSpec, type WordLists } from "./cues.ts";
import type { ElementId, RulePackRef } from "./types.ts";
import type { Requirement } from "./word-keys.ts";

/** Conditions under which an element applies; anything else makes it `not_applicable`. */
export type Applicability = "recorded" | "thirdPartyLead" | "bloctelPeriod";

export interface Thresholds {
  minNameSimilarity: number;
  /** First call date (Europe/Paris) on which the Bloctel mention is no longer required. */
  bloctelAbolishedOn: string;
  objectionFollowUpAgentTurns: number;
  lowAsrConfidence: number;
  lowSpeakerConfidence: number;
  unknownSpeakerConfidence: number;
  minConfidenceForNonCompliance: number;
}

type Localized = Record<Language, string>;

export interface ElementRule {
  id: ElementId;
  label: Localized;
  hint: Localized;
  appliesIf?: Applicability;
  /** The element may be stated by the very words that start the pitch ("I'm calling to offer you..."). */
  satisfiedByPitchUtterance?: boolean;
}

interface LexiconFile {
  languageMarkers: string[];
  fillers: string[];
  /**
   * Fillers that are also ordinary words or phrases ("like", "you know", "genre", "en fait"):
   * kept in the text, but a cue may step over them (text/normalize.ts, `tokenize`).
   */
  softFillers?: string[];
  /**
   * Words as hurried transcripts and ASR write them, with what they stand for: contractions
   * without their apostrophe ("dont", "im"), spoken French run together ("chuis", "jvous").
   * Only forms that are not also words of their own ("its", "ill", "were" are left out).
   */
  spokenForms?: Record<string, string>;
  numberWords: string[];
  /**
   * Words that end company names without telling them apart ("Contact", "Energy", "Conseil"):
   * a name whose last words are all such words may be said by its first ones alone
   * ("Brightwave" for "Brightwave Energy").
   */
  genericNameWords?: string[];
  /** Legal forms a registered company name ends with ("Ltd", "SAS", "Pty", "Inc"), dropped from the name as people say it. */
  legalForms?: string[];
  /** Small words that link a name's words ("de", "of"), left out of its initials (see names.ts). */
  nameLinkWords?: string[];
  /** Words a name may start with that people drop: articles ("Le" of "Le Guide du Jeune Retraité", "The" of "The Energy Shop") and what the name is ("magazine", "site"). */
  nameArticles?: string[];
  /** Words a sentence cannot end on ("to", "de", "pouvez"): a turn ending on one was cut mid-thought. */
  openEndings?: string[];
  /** Named word lists that cues refer to as "@name". */
  wordLists?: Record<string, string[]>;
  elements: Partial<Record<ElementId, Array<string | CueSpec>>>;
  /** Disclosures given as answers to the customer's questions (see answers.ts). */
  answers?: Partial<Record<ElementId, Array<{ question: Array<string | CueSpec>; answer: Array<string | CueSpec>; denial?: Array<string | CueSpec> }>>>;
  pitch: { hard: Array<string | CueSpec>; soft: Array<string | CueSpec>; questions?: NeedsQuestionFile };
  disguise: Array<string | CueSpec>;
  objection: Array<string | CueSpec>;
  pushback: Array<string | CueSpec>;
}

/** See `NeedsQuestionRule`. */
interface NeedsQuestionFile {
  after: ElementId[];
  about: Array<string | CueSpec>;
  not: Array<string | CueSpec>;
  asks?: Array<string | CueSpec>;
}

/**
 * A needs-discovery question that no soft-pitch cue knows, as a new product domain brings
 * them ("Chez vous, c'est grand comment ?", "How often do you get the windows done?"). Once the
 * call has been presented (a disclosure of one of the `after` elements, or a disguise: "a short
 * survey on household energy use") or the customer has refused, the agent's first sentence
 * written as a question, about the customer (an `about` cue), that asks nothing else (no `not`
 * cue: a minute, hearing, consent, "any questions?", a survey's opinion questions; and no
 * disclosure cue: "Did you know you can refuse these calls?")
 * opens the pitch, in strict mode. Text with no punctuation at all (some speech recognizers
 * write none) has no question marks: there, a sentence with an `asks` cue ("do you",
 * "est-ce que") is taken as written as a question.
 */
export interface NeedsQuestionRule {
  after: ElementId[];
  about: CompiledCue[];
  not: CompiledCue[];
  asks: CompiledCue[];
}

export interface RulePackFile {
  id: string;
  version: string;
  description: string;
  thresholds: Thresholds;
  elements: ElementRule[];
  lexicons: Record<Language, LexiconFile>;
}

export interface Lexicon {
  language: Language;
  languageMarkers: ReadonlySet<string>;
  fillers: ReadonlySet<string>;
  /** Each soft filler as its normalized words, by its first word (each token is looked up once). */
  softFillers: ReadonlyMap<string, ReadonlyArray<readonly string[]>>;
  /** Each spoken form's normalized word, to the normalized words it stands for. */
  spokenForms: ReadonlyMap<string, readonly string[]>;
  numberWords: ReadonlySet<string>;
  genericNameWords: ReadonlySet<string>;
  legalForms: ReadonlySet<string>;
  nameLinkWords: ReadonlySet<string>;
  nameArticles: ReadonlySet<string>;
  openEndings: ReadonlySet<string>;
  elements: Map<ElementId, CompiledCue[]>;
  answers: Map<ElementId, AnswerCue[]>;
  /** Every cue of the lexicon by its `screenSlot`, to rule most of them out of a sentence at once. */
  cueScreen: CueScreenIndex;
  /**
   * The stems of the words the lexicon names (its cue words and the words of its lists), computed
   * once at load: most words of a call are among them ("vous", "appel", "offre", "vingt"), and
   * stemming is a large part of reading a call.
   */
  knownStems: ReadonlyMap<string, StemmedWord>;
  hardPitch: CompiledCue[];
  softPitch: CompiledCue[];
  /** Null when the lexicon has no `pitch.questions`: only cues then find a soft pitch. */
  needsQuestions: NeedsQuestionRule | null;
  disguise: CompiledCue[];
  objection: CompiledCue[];
  pushback: CompiledCue[];
}

/** A validated rule pack with its cues compiled per language. Immutable once loaded. */
export interface RulePack extends RulePackRef {
  description: string;
  thresholds: Thresholds;
  elements: ElementRule[];
  lexicons: Record<Language, Lexicon>;
}

export const ELEMENT_IDS: readonly ElementId[] = [
  "ID_CALLER",
  "ART14_IDENTITY",
  "COMMERCIAL_NATURE",
  "ART14_PURPOSE",
  "ART14_SOURCE",
  "ART21_OBJECTION_INFO",
  "REC_NOTICE",
  "REC_OBJECTION_RIGHT",
  "BLOCTEL_MENTION",
  "OBJECTION_HONORED",
];

export const DEFAULT_RULE_PACK_PATH = fileURLToPath(new URL("../../rule-packs/telemarketing-fr-en.json", import.meta.url));

const LANGUAGES: readonly Language[] = ["fr", "en"];

function compileAll(specs: Array<string | CueSpec> | undefined, language: Language, where: string, lists: WordLists, compiled: CompiledSources): CompiledCue[] {
  if (!Array.isArray(specs)) throw new AppError("RULE_PACK_INVALID", `${where} must be a list of cues`);
  return specs.map((spec, i) => {
    try {
      return compileCue(spec, language, lists, compiled);
    } catch (err) {
      throw new AppError("RULE_PACK_INVALID", `${where}[${i}]: ${(err as Error).message}`);
    }
  });
}

/** Each list entry is one word or one prefix ("box", "offre*"): lists are spliced into a cue word's alternatives. */
function readWordLists(file: LexiconFile, where: string): WordLists {
  const lists = new Map<string, string[]>();
  for (const [name, words] of Object.entries(file.wordLists ?? {})) {
    if (!Array.isArray(words) || words.length === 0 || words.some((w) => typeof w !== "string" || !/^[^\s|@?{}.]+$/.test(w))) {
      throw new AppError("RULE_PACK_INVALID", `${where}.wordLists.${name} must be a non-empty list of single words`);
    }
    lists.set(name, words);
  }
  return lists;
}

function readSpokenForms(file: LexiconFile, language: Language, where: string): Map<string, string[]> {
  const forms = new Map<string, string[]>();
  for (const [form, meaning] of Object.entries(file.spokenForms ?? {})) {
    const key = normalizeWords(form);
    const words = typeof meaning === "string" ? normalizeWords(meaning).map((w) => expandElision(w, language)) : [];
    if (key.length !== 1 || words.length === 0) {
      throw new AppError("RULE_PACK_INVALID", `${where}.spokenForms: "${form}" must be one word standing for one or more words`);
    }
    forms.set(key[0]!, words);
  }
  return forms;
}

/**
 * Fillers are dropped from the text before matching ("so", "well", "euh"), so a cue word that is
 * one can never match: "so that we can" would silently never fire. Refused at load time.
 */
function rejectFillerWords(file: LexiconFile, where: string): void {
  const fillers = new Set(file.fillers.flatMap((f) => normalizeWords(f)));
  const dead: string[] = [];
  const visit = (value: unknown, path: string): void => {
    if (typeof value === "string") {
      for (const written of value.split(/\s+/)) {
        for (const alt of written.replace(/^\.{2,3}|^\?/g, "").split("|")) {
          if (!alt.endsWith("*") && fillers.has(normalizeWords(alt).join(" "))) dead.push(`${path} "${value}" ("${alt}")`);
        }
      }
    } else if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${path}[${i}]`));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, `${path}.${k}`);
  };
  for (const key of ["elements", "answers", "pitch", "disguise", "objection", "pushback"] as const) visit(file[key], `${where}.${key}`);
  if (dead.length > 0) {
    throw new AppError("RULE_PACK_INVALID", `cue words that are fillers, dropped from the text before matching, can never match: ${dead.join("; ")}`);
  }
}

/** Word sequences grouped by their first word, in their order. */
function byFirstWord(sequences: string[][]): Map<string, string[][]> {
  const grouped = new Map<string, string[][]>();
  for (const words of sequences) grouped.set(words[0]!, [...(grouped.get(words[0]!) ?? []), words]);
  return grouped;
}

/**
 * The stems of every word the lexicon names: its cue words, and the words of its lists (numbers,
 * language markers, name words, fillers...), which are common in calls without being cue words.
 */
function knownStemsOf(cueWords: ReadonlyMap<string, StemmedWord>, lexicon: Omit<Lexicon, "knownStems">): Map<string, StemmedWord> {
  const stems = new Map(cueWords);
  const listed = [
    lexicon.languageMarkers,
    lexicon.numberWords,
    lexicon.genericNameWords,
    lexicon.legalForms,
    lexicon.nameLinkWords,
    lexicon.nameArticles,
    lexicon.openEndings,
    [...lexicon.softFillers.values()].flat(2),
    [...lexicon.spokenForms.values()].flat(),
  ];
  for (const words of listed) for (const word of words) if (!stems.has(word)) stems.set(word, stemmedWord(word, lexicon.language));
  return stems;
}

function patternsOf(cue: CompiledCue): CompiledPattern[] {
  return [...cue.all, ...cue.any, ...cue.none, ...cue.notNear, ...cue.notAfter, ...cue.notBefore];
}

/**
 * Every requirement of the lexicon's cues (see word-keys.ts) copied into one buffer, in the order
 * the cues were compiled, and replaced by a view of it. Hundreds are read per call, one after
 * another; compiled one by one, each had a buffer of its own somewhere in memory. Measured by
 * `bench:engine:compare`, four runs: 1.000x, 1.010x, 1.017x and 1.036x, same output.
 */
function layRequirementsTogether(cues: readonly CompiledCue[]): void {
  const patterns = [...new Set(cues.flatMap(patternsOf))];
  const withAny = cues.filter((cue) => cue.anyRequirement !== null);
  const length = patterns.reduce((sum, p) => sum + p.requirement.length, 0) + withAny.reduce((sum, cue) => sum + cue.anyRequirement!.length, 0);
  const buffer = new Int32Array(length);
  let at = 0;
  const lay = (requirement: Requirement): Requirement => {
    buffer.set(requirement, at);
    at += requirement.length;
    return buffer.subarray(at - requirement.length, at);
  };
  for (const pattern of patterns) pattern.requirement = lay(pattern.requirement);
  for (const cue of withAny) cue.anyRequirement = lay(cue.anyRequirement!);
}

function compileNeedsQuestions(
  file: NeedsQuestionFile | undefined,
  where: string,
  compile: (specs: Array<string | CueSpec> | undefined, at: string) => CompiledCue[],
): NeedsQuestionRule | null {
  if (file === undefined) return null;
  const after = Array.isArray(file.after) ? file.after : [];
  if (after.length === 0 || after.some((id) => !ELEMENT_IDS.includes(id) || id === "OBJECTION_HONORED")) {
    throw new AppError("RULE_PACK_INVALID", `${where}.after must list the disclosure elements after which a question may open the pitch`);
  }
  return { after, about: compile(file.about, `${where}.about`), not: compile(file.not, `${where}.not`), asks: compile(file.asks ?? [], `${where}.asks`) };
}

function compileLexicon(file: LexiconFile, language: Language): Lexicon {
  const where = `lexicons.${language}`;
  rejectFillerWords(file, where);
  const lists = readWordLists(file, where);
  const compiled = compiledSources();
  // Every cue gets its place in the lexicon's cue screen as it is compiled.
  const screened: CompiledCue[] = [];
  const cueLists: CompiledCue[][] = [];
  const compile = (specs: Array<string | CueSpec> | undefined, at: string): CompiledCue[] => {
    const list = compileAll(specs, language, at, lists, compiled);
    for (const cue of list) {
      cue.screenSlot = screened.length;
      screened.push(cue);
    }
    cueLists.push(list);
    return list;
  };
  const elements = new Map<ElementId, CompiledCue[]>();
  for (const [id, specs] of Object.entries(file.elements ?? {})) {
    if (!ELEMENT_IDS.includes(id as ElementId)) throw new AppError("RULE_PACK_INVALID", `${where}: unknown element ${id}`);
    elements.set(id as ElementId, compile(specs, `${where}.elements.${id}`));
  }
  const answers = new Map<ElementId, AnswerCue[]>();
  for (const [id, pairs] of Object.entries(file.answers ?? {})) {
    if (!ELEMENT_IDS.includes(id as ElementId)) throw new AppError("RULE_PACK_INVALID", `${where}.answers: unknown element ${id}`);
    if (!Array.isArray(pairs)) throw new AppError("RULE_PACK_INVALID", `${where}.answers.${id} must be a list of {question, answer}`);
    answers.set(
      id as ElementId,
      pairs.map((pair, i) => ({
        question: compile(pair?.question, `${where}.answers.${id}[${i}].question`),
        answer: compile(pair?.answer, `${where}.answers.${id}[${i}].answer`),
        denial: compile(pair?.denial ?? [], `${where}.answers.${id}[${i}].denial`),
      })),
    );
  }
  const hardPitch = compile(file.pitch?.hard, `${where}.pitch.hard`);
  const softPitch = compile(file.pitch?.soft, `${where}.pitch.soft`);
  const needsQuestions = compileNeedsQuestions(file.pitch?.questions, `${where}.pitch.questions`, compile);
  const disguise = compile(file.disguise, `${where}.disguise`);
  const objection = compile(file.objection, `${where}.objection`);
  const pushback = compile(file.pushback, `${where}.pushback`);
  layRequirementsTogether(screened);
  const lexicon: Omit<Lexicon, "knownStems"> = {
    language,
    languageMarkers: new Set(file.languageMarkers),
    fillers: new Set(file.fillers),
    softFillers: byFirstWord((file.softFillers ?? []).map((f) => normalizeWords(f).map((w) => expandElision(w, language))).filter((f) => f.length > 0)),
    spokenForms: readSpokenForms(file, language, where),
    numberWords: new Set(file.numberWords),
    genericNameWords: new Set((file.genericNameWords ?? []).flatMap((w) => normalizeWords(w))),
    legalForms: new Set((file.legalForms ?? []).flatMap((w) => normalizeWords(w))),
    nameLinkWords: new Set((file.nameLinkWords ?? []).flatMap((w) => normalizeWords(w))),
    nameArticles: new Set((file.nameArticles ?? []).flatMap((w) => normalizeWords(w))),
    // Compared with the last token as the text is tokenized ("qu'" is "que" there).
    openEndings: new Set((file.openEndings ?? []).flatMap((w) => normalizeWords(w)).map((w) => expandElision(w, language))),
    elements,
    answers,
    cueScreen: buildCueScreenIndex(screened, cueLists),
    hardPitch,
    softPitch,
    needsQuestions,
    disguise,
    objection,
    pushback,
  };
  // The cue words' stems are those their compilation computed.
  return { ...lexicon, knownStems: knownStemsOf(compiled.stems, lexicon) };
}

/** Validates and compiles a parsed rule-pack document. */
export function compileRulePack(file: RulePackFile): RulePack {
  if (typeof file?.id !== "string" || typeof file.version !== "string") {
    throw new AppError("RULE_PACK_INVALID", "id and version are required");
  }
  const ids = new Set(file.elements?.map((e) => e.id));
  for (const id of ELEMENT_IDS) {
    if (!ids.has(id)) throw new AppError("RULE_PACK_INVALID", `element ${id} is not defined`);
  }
  if (!file.thresholds || Number.isNaN(Date.parse(file.thresholds.bloctelAbolishedOn))) {
    throw new AppError("RULE_PACK_INVALID", "thresholds.bloctelAbolishedOn must be a date");
  }
  const lexicons = {} as Record<Language, Lexicon>;
  for (const language of LANGUAGES) {
    const lexicon = file.lexicons?.[language];
    if (!lexicon) throw new AppError("RULE_PACK_INVALID", `lexicon ${language} is missing`);
    lexicons[language] = compileLexicon(lexicon, language);
  }
  return {
    id: file.id,
    version: file.version,
    description: file.description ?? "",
    thresholds: file.thresholds,
    elements: file.elements,
    lexicons,
  };
}

/** Reads a rule pack from disk (the bundled default when no path is given). */
export function loadRulePack(path: string = DEFAULT_RULE_PACK_PATH): RulePack {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new AppError("RULE_PACK_INVALID", `cannot read ${path}`, { cause: err });
  }
  let parsed: RulePackFile;
  try {
    parsed = JSON.parse(text) as RulePackFile;
  } catch (err) {
    throw new AppError("RULE_PACK_INVALID", `${path} is not valid JSON`, { cause: err });
  }
  return compileRulePack(parsed);
}
