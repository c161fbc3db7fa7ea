import alawmulaw from "alawmulaw";
import type { Language } from "../transcript/types.ts";
import type { LiveSpeaker } from "./pcm.ts";
import { CALLED_NUMBER_RULE, isCalledNumber, isRecord, type Parsed } from "./protocol.ts";

// alawmulaw is CommonJS: Node's ESM loader sees only its default export.
const { mulaw } = alawmulaw;

/*
 * Twilio Media Streams (a `<Stream>` pointed at /live): JSON text frames with an `event` field.
 * Twilio sends no headers of ours, so the key and campaign come as `<Parameter>`s, which arrive in
 * `start.customParameters`. Payloads are base64 G.711 mu-law at 8 kHz, one track per message.
 */

export const TWILIO_SAMPLE_RATE = 8000;

export interface TwilioStart {
  event: "start";
  streamSid: string;
  token?: string;
  campaign: string;
  language?: Language | "auto";
  calledAt?: string;
  calledNumber?: string;
  /** Which Twilio track carries the agent: `outbound` (what Twilio plays to the called party) by default. */
  agentTrack: "inbound" | "outbound";
}

export type TwilioMessage =
  | { event: "connected" }
  | TwilioStart
  | { event: "media"; speaker?: LiveSpeaker; track: string; samples: Float32Array }
  | { event: "stop" }
  | { event: "other"; name: string };

/** Whether a parsed JSON frame is in Twilio's format rather than ours. */
export function isTwilioFrame(json: unknown): json is Record<string, unknown> {
  return isRecord(json) && typeof json.event === "string" && json.type === undefined;
}

function invalid<T>(message: string): Parsed<T> {
  return { ok: false, error: { code: "INVALID_MESSAGE", message } };
}

/** Reads a Twilio frame; `agentTrack` (from the start message) decides whose voice a media payload is. */
export function parseTwilioMessage(json: Record<string, unknown>, agentTrack: "inbound" | "outbound"): Parsed<TwilioMessage> {
  switch (json.event) {
    case "connected":
      return { ok: true, message: { event: "connected" } };
    case "start":
      return parseStart(json);
    case "media": {
      const media = json.media;
      if (!isRecord(media) || typeof media.payload !== "string" || typeof media.track !== "string") return invalid("media needs a track and a payload");
      const bytes = Buffer.from(media.payload, "base64");
      const pcm = mulaw.decode(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      const samples = new Float32Array(pcm.length);
      for (let i = 0; i < pcm.length; i++) samples[i] = pcm[i]! / 32768;
      const speaker = media.track === agentTrack ? "agent" : media.track === "inbound" || media.track === "outbound" ? "customer" : undefined;
      return { ok: true, message: { event: "media", track: media.track, samples, ...(speaker ? { speaker } : {}) } };
    }
    case "stop":
      return { ok: true, message: { event: "stop" } };
    default:
      return { ok: true, message: { event: "other", name: String(json.event) } };
  }
}

function parseStart(json: Record<string, unknown>): Parsed<TwilioMessage> {
  const start = json.start;
  if (!isRecord(start)) return invalid("start needs its start object");
  const format = start.mediaFormat;
  if (isRecord(format) && (format.encoding !== "audio/x-mulaw" || format.sampleRate !== TWILIO_SAMPLE_RATE)) {
    return invalid("only audio/x-mulaw at 8000 Hz is supported");
  }
  const params = isRecord(start.customParameters) ? start.customParameters : {};
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const campaign = text(params.campaign);
  if (!campaign) return invalid("the campaign <Parameter> is required");
  const language = text(params.language);
  if (language !== undefined && language !== "fr" && language !== "en" && language !== "auto") return invalid("language must be fr, en or auto");
  const agentTrack = text(params.agentTrack) ?? "outbound";
  if (agentTrack !== "inbound" && agentTrack !== "outbound") return invalid("agentTrack must be inbound or outbound");
  const token = text(params.token);
  const calledAt = text(params.calledAt);
  const calledNumber = text(params.calledNumber);
  if (calledNumber !== undefined && !isCalledNumber(calledNumber)) return invalid(CALLED_NUMBER_RULE);
  return {
    ok: true,
    message: {
      event: "start",
      streamSid: text(start.streamSid) ?? text(json.streamSid) ?? "",
      campaign,
      agentTrack,
      ...(token ? { token } : {}),
      ...(language ? { language } : {}),
      ...(calledAt ? { calledAt } : {}),
      ...(calledNumber ? { calledNumber } : {}),
    },
  };
}
