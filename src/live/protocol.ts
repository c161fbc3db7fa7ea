import type { CallVerdict, ElementFinding, ElementId, ElementStatus, ObjectionEvent, PitchOnset } from "../compliance/types.ts";
import type { Language } from "../transcript/types.ts";

/*
 * The live socket's messages, both ways, and the parsing of what clients send. Parsing returns a
 * typed message or a protocol error with a stable code: a bad message is answered, never fatal
 * to the session.
 */

/** How audio-mode binary frames are laid out: interleaved agent/customer, or one speaker per frame (first byte 0 agent, 1 customer). */
export type ChannelLayout = "stereo" | "mono";

export interface OpenMessage {
  type: "open";
  /** The agent-assist key, unless given in the Authorization header. */
  token?: string;
  campaign: string;
  language?: Language | "auto";
  calledAt?: string;
  /** The called party's number, kept only as a keyed hash: a data subject's access or erasure request then finds the call. */
  calledNumber?: string;
  /** Present for audio mode (raw PCM 16-bit little-endian binary frames); absent for transcript mode. */
  channels?: ChannelLayout;
  sampleRate?: number;
}

export interface UtteranceMessage {
  type: "utterance";
  seq: number;
  speaker: "agent" | "customer";
  text: string;
  start: number;
  end: number;
  final: boolean;
}

export interface CloseMessage {
  type: "close";
}

export type ClientMessage = OpenMessage | UtteranceMessage | CloseMessage;

/** Stable codes of what the server tells a client about its own messages and the session. */
export type LiveErrorCode =
  | "MALFORMED_JSON"
  | "INVALID_MESSAGE"
  | "UNKNOWN_MESSAGE_TYPE"
  | "BINARY_IN_TRANSCRIPT_MODE"
  | "NOT_OPEN"
  | "ALREADY_OPEN"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "UNKNOWN_CAMPAIGN"
  | "TOO_MANY_SESSIONS"
  | "SEQ_DUPLICATE"
  | "SEQ_GAP"
  | "SESSION_TOO_LONG"
  | "AUDIO_UNAVAILABLE"
  | "INTERNAL";

export interface ProtocolError {
  code: LiveErrorCode;
  message: string;
}

export interface ChecklistItem {
  id: ElementId;
  label: string;
  hint: string;
  /** The engine's status for the call so far (the canonical vocabulary). */
  status: ElementStatus;
  /**
   * Still owed before the pitch: no pitch yet (so the engine says `not_applicable`), the rule
   * applies to this call and the agent has not said it. What an agent's checklist shows as to do.
   */
  owed: boolean;
  /** What the agent said that satisfied (or broke) it, when there is such an utterance. */
  evidence?: { seq: number | null; text: string; start: number; end: number };
}

export type AlertKind = "PITCH_BEFORE_DISCLOSURE" | "OBJECTION_IGNORED" | "DISGUISED_CALL";

export interface LiveAlert {
  kind: AlertKind;
  /** Number of the utterance that triggered it: the client's seq, or in audio mode the server's `utterance` message seq. */
  seq: number | null;
  text: string;
  /** PITCH_BEFORE_DISCLOSURE: the elements not yet given when the pitch started. */
  missing?: Array<{ id: ElementId; label: string; hint: string }>;
}

export type ServerMessage =
  | { type: "opened"; sessionId: string; mode: "transcript" | "audio"; campaign: string; language: Language | "auto"; recordsAudio: boolean }
  | { type: "checklist"; elements: ChecklistItem[] }
  | ({ type: "alert" } & LiveAlert)
  | { type: "utterance"; seq: number; speaker: "agent" | "customer"; text: string; start: number; end: number; asrConfidence?: number }
  | { type: "verdict"; verdict: CallVerdict; pitchOnset: PitchOnset | null; elements: ElementFinding[]; objections: ObjectionEvent[]; rulePack: { id: string; version: string } }
  | { type: "closed"; callId: string | null }
  | { type: "error"; code: LiveErrorCode; message: string; seq?: number };

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: ProtocolError };

function fail<T>(code: LiveErrorCode, message: string): Parsed<T> {
  return { ok: false, error: { code, message } };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** Parses a text frame into JSON, or says why it is not JSON. */
export function parseJsonFrame(text: string): Parsed<unknown> {
  try {
    return { ok: true, message: JSON.parse(text) as unknown };
  } catch {
    return fail("MALFORMED_JSON", "the message is not JSON");
  }
}

/** Parses one text frame from a live client (the Twilio format has its own parser, twilio.ts). */
export function parseClientMessage(text: string): Parsed<ClientMessage> {
  const parsed = parseJsonFrame(text);
  return parsed.ok ? parseClientJson(parsed.message) : parsed;
}

/** Checks a parsed JSON message from a live client. */
export function parseClientJson(json: unknown): Parsed<ClientMessage> {
  if (!isRecord(json)) return fail("INVALID_MESSAGE", "a message is a JSON object");
  switch (json.type) {
    case "open":
      return parseOpen(json);
    case "utterance":
      return parseUtterance(json);
    case "close":
      return { ok: true, message: { type: "close" } };
    default:
      return fail("UNKNOWN_MESSAGE_TYPE", `unknown message type ${JSON.stringify(json.type ?? null)}`);
  }
}

function parseOpen(json: Record<string, unknown>): Parsed<ClientMessage> {
  const { token, campaign, language, calledAt, calledNumber, channels, sampleRate } = json;
  if (token !== undefined && typeof token !== "string") return fail("INVALID_MESSAGE", "token must be a string");
  if (typeof campaign !== "string" || campaign === "") return fail("INVALID_MESSAGE", "campaign is required");
  if (language !== undefined && language !== "fr" && language !== "en" && language !== "auto") {
    return fail("INVALID_MESSAGE", "language must be fr, en or auto");
  }
  if (calledAt !== undefined && (typeof calledAt !== "string" || Number.isNaN(Date.parse(calledAt)))) {
    return fail("INVALID_MESSAGE", "calledAt must be an ISO date-time");
  }
  if (calledNumber !== undefined && !isCalledNumber(calledNumber)) return fail("INVALID_MESSAGE", CALLED_NUMBER_RULE);
  if (channels !== undefined && channels !== "stereo" && channels !== "mono") return fail("INVALID_MESSAGE", "channels must be stereo or mono");
  if (sampleRate !== undefined && (!Number.isInteger(sampleRate) || (sampleRate as number) < 8000 || (sampleRate as number) > 48000)) {
    return fail("INVALID_MESSAGE", "sampleRate must be an integer from 8000 to 48000");
  }
  const message: OpenMessage = {
    type: "open",
    campaign,
    ...(token !== undefined ? { token } : {}),
    ...(language !== undefined ? { language } : {}),
    ...(calledAt !== undefined ? { calledAt: calledAt as string } : {}),
    ...(calledNumber !== undefined ? { calledNumber: calledNumber as string } : {}),
    ...(channels !== undefined ? { channels, sampleRate: (sampleRate as number | undefined) ?? 16000 } : {}),
  };
  return { ok: true, message };
}

/** As for uploads: at most 40 characters, and with digits (a number, however it is spelt). */
export const CALLED_NUMBER_RULE = "calledNumber must be a phone number of at most 40 characters";

export function isCalledNumber(value: unknown): value is string {
  return typeof value === "string" && value.length <= 40 && /\d/.test(value);
}

function parseUtterance(json: Record<string, unknown>): Parsed<ClientMessage> {
  const { seq, speaker, text, start, end, final } = json;
  if (!Number.isInteger(seq) || (seq as number) < 0) return fail("INVALID_MESSAGE", "seq must be a non-negative integer");
  if (speaker !== "agent" && speaker !== "customer") return fail("INVALID_MESSAGE", "speaker must be agent or customer");
  if (typeof text !== "string") return fail("INVALID_MESSAGE", "text must be a string");
  if (!isFiniteNumber(start) || !isFiniteNumber(end) || start < 0 || end < start) {
    return fail("INVALID_MESSAGE", "start and end must be times in seconds with start <= end");
  }
  if (typeof final !== "boolean") return fail("INVALID_MESSAGE", "final must be true or false");
  return { ok: true, message: { type: "utterance", seq: seq as number, speaker, text, start, end, final } };
}
