import { AppError } from "../errors.ts";
import type { Speaker, Transcript, Utterance } from "./types.ts";

const SPEAKERS: readonly Speaker[] = ["agent", "customer", "unknown"];

/** Optional call settings a transcript file may carry beside its utterances. */
export interface TranscriptFileSettings {
  language?: string;
  brands?: string[];
  callCentres?: string[];
  dataSources?: string[];
  calledAt?: string;
  recorded?: boolean;
  leadOrigin?: string;
}

export interface ParsedTranscriptFile {
  transcript: Transcript;
  settings: TranscriptFileSettings;
}

function fail(detail: string): never {
  throw new AppError("TRANSCRIPT_INVALID", detail);
}

function parseUtterance(raw: unknown, i: number): Utterance {
  if (typeof raw !== "object" || raw === null) fail(`utterances[${i}] must be an object`);
  const u = raw as Record<string, unknown>;
  if (!SPEAKERS.includes(u.speaker as Speaker)) fail(`utterances[${i}].speaker must be agent, customer or unknown`);
  if (typeof u.text !== "string") fail(`utterances[${i}].text must be a string`);
  const start = u.start;
  const end = u.end;
  if (typeof start !== "number" || !Number.isFinite(start) || start < 0) fail(`utterances[${i}].start must be a number of seconds >= 0`);
  if (typeof end !== "number" || !Number.isFinite(end) || end < start) fail(`utterances[${i}].end must be a number of seconds >= start`);
  const utterance: Utterance = { speaker: u.speaker as Speaker, start, end, text: u.text };
  for (const key of ["asrConfidence", "speakerConfidence"] as const) {
    const value = u[key];
    if (value === undefined) continue;
    if (typeof value !== "number" || value < 0 || value > 1) fail(`utterances[${i}].${key} must be between 0 and 1`);
    utterance[key] = value;
  }
  return utterance;
}

/** Parses the transcript JSON contract: `{"utterances":[{"speaker","start","end","text"}], "settings"?}`. */
export function parseTranscriptJson(text: string): ParsedTranscriptFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new AppError("TRANSCRIPT_INVALID", `not valid JSON (${(err as Error).message})`);
  }
  if (typeof doc !== "object" || doc === null || !Array.isArray((doc as { utterances?: unknown }).utterances)) {
    fail('expected an object with an "utterances" array');
  }
  const body = doc as { utterances: unknown[]; settings?: unknown; language?: unknown };
  const utterances = body.utterances.map(parseUtterance);
  const sorted = [...utterances].sort((a, b) => a.start - b.start);
  const settings = typeof body.settings === "object" && body.settings !== null ? (body.settings as TranscriptFileSettings) : {};
  const language = body.language === "fr" || body.language === "en" ? body.language : undefined;
  return { transcript: { utterances: sorted, origin: "transcript", ...(language ? { language } : {}) }, settings };
}
