import type { FastifyBaseLogger } from "fastify";
import type { RawData, WebSocket } from "ws";
import type { RulePack } from "../compliance/rule-pack.ts";
import { isAppError } from "../errors.ts";
import { callSettingsFor } from "../jobs/call-settings.ts";
import { findCampaign, type Campaign } from "../store/catalog.ts";
import type { AudioStore, StoredAudio } from "../store/audio-store.ts";
import type { Db } from "../store/database.ts";
import { hashNumber } from "../store/number-hash.ts";
import type { Language, Utterance } from "../transcript/types.ts";
import { AudioInput } from "./audio-input.ts";
import { mayStream, type Authenticate } from "./auth.ts";
import { LiveRecording } from "./live-recording.ts";
import { decodePcmFrame, type LiveSpeaker } from "./pcm.ts";
import { parseClientJson, parseJsonFrame, type ChannelLayout, type LiveErrorCode, type ServerMessage, type UtteranceMessage } from "./protocol.ts";
import { LiveSession } from "./session.ts";
import type { SegmenterOptions } from "./speech-segmenter.ts";
import { storeFinishedSession } from "./store-session.ts";
import type { UtteranceTranscriber } from "./transcriber.ts";
import { isTwilioFrame, parseTwilioMessage, TWILIO_SAMPLE_RATE } from "./twilio.ts";

export interface LiveLimits {
  /** Sessions open at once in this process; more are refused with TOO_MANY_SESSIONS. */
  maxSessions: number;
  maxUtterancesPerSession: number;
  /** Out-of-order utterance messages held while a missing seq may still come. */
  maxHeldOutOfOrder: number;
  /** Largest WAV kept for a campaign that keeps live audio; audio past it is not recorded. */
  maxRecordingBytes: number;
}

export interface LiveDeps {
  db: Db;
  /** Where the audio of campaigns that keep it goes (the same store as uploads, under the same retention). */
  audioStore: AudioStore;
  rulePack: () => RulePack;
  authenticate: Authenticate;
  /** Audio mode is refused (AUDIO_UNAVAILABLE) without a transcriber. */
  transcriber?: UtteranceTranscriber;
  segmenter?: Partial<SegmenterOptions>;
  limits: LiveLimits;
  log: FastifyBaseLogger;
  /** Key of the called numbers' hash: the same as uploads', so one number finds all its calls. */
  numberHashKey: string;
}

/** Close codes: 1000 normal; 4400 protocol; 4401 no or bad key; 4403 key not allowed for the campaign; 1013 too many sessions. */
const CLOSE_CODE: Partial<Record<LiveErrorCode, number>> = {
  UNAUTHORIZED: 4401,
  FORBIDDEN: 4403,
  UNKNOWN_CAMPAIGN: 4404,
  AUDIO_UNAVAILABLE: 4400,
  TOO_MANY_SESSIONS: 1013,
};

interface OpenRequest {
  token?: string;
  campaign: string;
  language?: Language | "auto";
  calledAt?: string;
  calledNumber?: string;
  audio?: { layout: ChannelLayout | "twilio"; sampleRate: number; agentTrack?: "inbound" | "outbound" };
}

interface OpenCall {
  session: LiveSession;
  campaign: Campaign;
  calledAt?: string;
  audio: AudioInput | null;
  /** Only when the campaign keeps live audio. */
  recording: LiveRecording | null;
  request: OpenRequest;
}

type Phase = { name: "awaiting_open" } | { name: "opening" } | { name: "open"; call: OpenCall } | { name: "finished" };

/**
 * One client socket: authenticates the open request, feeds utterances or audio to its session
 * and delivers what the session answers. Messages are handled one at a time, in arrival order,
 * through a promise chain (opening and storing are asynchronous).
 */
export class LiveConnection {
  readonly #socket: WebSocket;
  readonly #deps: LiveDeps;
  readonly #headerToken: string | undefined;
  readonly #onEnd: () => void;
  readonly sessionId: string;
  #phase: Phase = { name: "awaiting_open" };
  #chain: Promise<void> = Promise.resolve();
  #updateScheduled = false;

  constructor(socket: WebSocket, deps: LiveDeps, sessionId: string, headerToken: string | undefined, onEnd: () => void) {
    this.#socket = socket;
    this.#deps = deps;
    this.sessionId = sessionId;
    this.#headerToken = headerToken;
    this.#onEnd = onEnd;
    socket.on("message", (data, isBinary) => this.#enqueue(() => this.#onFrame(data, isBinary)));
    socket.on("close", () => this.#enqueue(() => this.#finish(true)));
    socket.on("error", (err) => deps.log.warn({ err, sessionId }, "live socket error"));
  }

  #enqueue(task: () => void | Promise<void>): void {
    this.#chain = this.#chain.then(task).catch((err: unknown) => {
      this.#deps.log.error({ err, sessionId: this.sessionId }, "live session failed");
      this.#send({ type: "error", code: "INTERNAL", message: "internal error" });
    });
  }

  #send(message: ServerMessage): void {
    if (this.#socket.readyState === this.#socket.OPEN) this.#socket.send(JSON.stringify(message));
  }

  #sendAll(messages: ServerMessage[]): void {
    for (const message of messages) this.#send(message);
  }

  #refuse(code: LiveErrorCode, message: string): void {
    this.#send({ type: "error", code, message });
    this.#phase = { name: "finished" };
    this.#socket.close(CLOSE_CODE[code] ?? 4400, code);
    this.#onEnd();
  }

  async #onFrame(data: RawData, isBinary: boolean): Promise<void> {
    const phase = this.#phase;
    if (phase.name === "finished") return;
    if (isBinary) {
      if (phase.name !== "open") return this.#send({ type: "error", code: "NOT_OPEN", message: "send an open message first" });
      const layout = phase.call.request.audio?.layout;
      if (!phase.call.audio || !layout || layout === "twilio") {
        return this.#send({ type: "error", code: "BINARY_IN_TRANSCRIPT_MODE", message: "binary frames are audio; this session was opened without channels" });
      }
      const frame = decodePcmFrame(toBytes(data), layout);
      if (typeof frame === "string") return this.#send({ type: "error", code: "INVALID_MESSAGE", message: frame });
      if (frame.agent) this.#pushAudio(phase.call, "agent", frame.agent);
      if (frame.customer) this.#pushAudio(phase.call, "customer", frame.customer);
      return;
    }
    const parsed = parseJsonFrame(toBytes(data).toString());
    if (!parsed.ok) return this.#send({ type: "error", ...parsed.error });
    if (isTwilioFrame(parsed.message)) return this.#onTwilio(parsed.message);
    const message = parseClientJson(parsed.message);
    if (!message.ok) return this.#send({ type: "error", ...message.error });
    const m = message.message;
    if (m.type === "open") {
      if (phase.name !== "awaiting_open") return this.#send({ type: "error", code: "ALREADY_OPEN", message: "the session is already open" });
      const { channels, sampleRate, type: _type, ...rest } = m;
      return this.#open({ ...rest, ...(channels ? { audio: { layout: channels, sampleRate: sampleRate ?? 16000 } } : {}) });
    }
    if (phase.name !== "open") return this.#send({ type: "error", code: "NOT_OPEN", message: "send an open message first" });
    if (m.type === "close") return this.#finish(false);
    if (phase.call.audio) return this.#send({ type: "error", code: "INVALID_MESSAGE", message: "utterance messages are for transcript mode" });
    this.#onUtterance(phase.call, m);
  }

  async #onTwilio(json: Record<string, unknown>): Promise<void> {
    const phase = this.#phase;
    const agentTrack = phase.name === "open" ? (phase.call.request.audio?.agentTrack ?? "outbound") : "outbound";
    const parsed = parseTwilioMessage(json, agentTrack);
    if (!parsed.ok) return this.#send({ type: "error", ...parsed.error });
    const m = parsed.message;
    if (m.event === "start") {
      if (phase.name !== "awaiting_open") return;
      const { token, campaign, language, calledAt, calledNumber } = m;
      return this.#open({
        campaign,
        ...(token ? { token } : {}),
        ...(language ? { language } : {}),
        ...(calledAt ? { calledAt } : {}),
        ...(calledNumber ? { calledNumber } : {}),
        audio: { layout: "twilio", sampleRate: TWILIO_SAMPLE_RATE, agentTrack: m.agentTrack },
      });
    }
    if (phase.name !== "open") return;
    if (m.event === "media" && m.speaker) this.#pushAudio(phase.call, m.speaker, m.samples);
    if (m.event === "stop") return this.#finish(false);
  }

  async #open(request: OpenRequest): Promise<void> {
    this.#phase = { name: "opening" };
    const token = request.token ?? this.#headerToken;
    if (!token) return this.#refuse("UNAUTHORIZED", "an agent-assist key is required (Authorization header or open.token)");
    const principal = await this.#deps.authenticate(token);
    if (!principal) return this.#refuse("UNAUTHORIZED", "invalid agent-assist key");
    // A campaign the key does not list is refused before it is looked up: no probing of other subcontractors' campaigns.
    if (!principal.campaigns.includes(request.campaign)) return this.#refuse("FORBIDDEN", "this key may not stream this campaign");
    const campaign = await findCampaign(this.#deps.db, request.campaign);
    if (!campaign) return this.#refuse("UNKNOWN_CAMPAIGN", `campaign ${request.campaign}`);
    if (!mayStream(principal, campaign)) return this.#refuse("FORBIDDEN", "this key may not stream this campaign");
    if (request.audio && !this.#deps.transcriber) return this.#refuse("AUDIO_UNAVAILABLE", "this server has no speech recognizer; use transcript mode");

    let settings;
    try {
      const base = callSettingsFor(campaign, request.calledAt ?? null);
      settings = request.language ? { ...base, language: request.language } : base;
    } catch (err) {
      if (isAppError(err)) return this.#refuse("INVALID_MESSAGE", err.message);
      throw err;
    }
    const session = new LiveSession({
      settings,
      pack: this.#deps.rulePack(),
      origin: request.audio ? "audio" : "transcript",
      maxUtterances: this.#deps.limits.maxUtterancesPerSession,
      maxHeldOutOfOrder: this.#deps.limits.maxHeldOutOfOrder,
    });
    const transcriber = this.#deps.transcriber;
    const audio =
      request.audio && transcriber
        ? await AudioInput.create({
            sampleRate: request.audio.sampleRate,
            language: settings.language,
            transcriber,
            ...(this.#deps.segmenter ? { segmenter: this.#deps.segmenter } : {}),
            onHeard: (utterance) => this.#onHeard(utterance),
            onError: (err) => {
              this.#deps.log.error({ err, sessionId: this.sessionId }, "live transcription failed");
              this.#send({ type: "error", code: "INTERNAL", message: "an utterance could not be transcribed" });
            },
          })
        : null;
    const recording =
      audio && request.audio && campaign.keepLiveAudio
        ? new LiveRecording({
            sampleRate: request.audio.sampleRate,
            tempPath: (suffix) => this.#deps.audioStore.tempPath(suffix),
            maxBytes: this.#deps.limits.maxRecordingBytes,
          })
        : null;
    this.#phase = { name: "open", call: { session, campaign, audio, recording, request, ...(request.calledAt ? { calledAt: request.calledAt } : {}) } };
    this.#send({
      type: "opened",
      sessionId: this.sessionId,
      mode: audio ? "audio" : "transcript",
      campaign: campaign.id,
      language: settings.language,
      recordsAudio: recording !== null,
    });
    this.#sendAll(session.update());
  }

  #pushAudio(call: OpenCall, speaker: LiveSpeaker, samples: Float32Array): void {
    call.audio?.push(speaker, samples);
    call.recording?.push(speaker, samples);
  }

  #onUtterance(call: OpenCall, message: UtteranceMessage): void {
    this.#sendAll(call.session.receiveUtterance(message));
    this.#scheduleUpdate();
  }

  #onHeard(utterance: Utterance): void {
    if (this.#phase.name !== "open") return;
    const seq = this.#phase.call.session.addHeard(utterance);
    const { speaker, start, end, text, asrConfidence } = utterance;
    this.#send({ type: "utterance", seq, speaker: speaker === "agent" ? "agent" : "customer", start, end, text, ...(asrConfidence !== undefined ? { asrConfidence } : {}) });
    this.#scheduleUpdate();
  }

  /** Utterances that arrive together are analyzed together: the engine runs once per burst, not once per message. */
  #scheduleUpdate(): void {
    if (this.#updateScheduled) return;
    this.#updateScheduled = true;
    setImmediate(() => {
      this.#updateScheduled = false;
      if (this.#phase.name === "open") this.#sendAll(this.#phase.call.session.update());
    });
  }

  /** Ends the call (the client closed it, or vanished): final verdict, stored call, acknowledgement. */
  async #finish(vanished: boolean): Promise<void> {
    const phase = this.#phase;
    if (phase.name === "finished") return;
    this.#phase = { name: "finished" };
    if (phase.name !== "open") {
      this.#onEnd();
      return;
    }
    const { session, campaign, audio, recording, request } = phase.call;
    try {
      if (audio) {
        // #onHeard ignores utterances once finished: feed what is left straight to the session.
        this.#phase = phase;
        await audio.finish();
        this.#phase = { name: "finished" };
      }
      const { messages, analysis } = session.finish();
      if (!vanished) this.#sendAll(messages);
      const durationSec = audio?.durationSec ?? analysis.transcript.utterances.at(-1)?.end;
      const kept = recording ? await this.#keep(recording) : undefined;
      const callId = await storeFinishedSession(this.#deps.db, {
        campaignId: campaign.id,
        source: audio ? "audio" : "transcript",
        analysis: withModel(analysis, audio ? this.#deps.transcriber : undefined),
        interrupted: vanished,
        ...(request.calledAt ? { calledAt: request.calledAt } : {}),
        ...(request.calledNumber ? { numberHash: hashNumber(request.calledNumber, this.#deps.numberHashKey) } : {}),
        ...(kept ? { audio: kept, channelLayout: "stereo" as const } : request.audio && request.audio.layout !== "twilio" ? { channelLayout: request.audio.layout } : {}),
        ...(durationSec !== undefined ? { durationSec } : {}),
      });
      if (!vanished) {
        this.#send({ type: "closed", callId });
        this.#socket.close(1000, "closed");
      }
    } finally {
      audio?.close();
      await recording?.discard();
      this.#onEnd();
    }
  }

  /**
   * Moves the session's audio into the audio store. A failure loses the audio only: the call is
   * still stored with its transcript and verdict, and the error is logged.
   */
  async #keep(recording: LiveRecording): Promise<(StoredAudio & { fileName: string }) | undefined> {
    try {
      await recording.end();
      const stored = await this.#deps.audioStore.save(recording.wav(), Number.MAX_SAFE_INTEGER);
      if (recording.truncated) this.#deps.log.warn({ sessionId: this.sessionId, bytes: stored.bytes }, "live audio reached its size limit; the rest was not kept");
      return { ...stored, fileName: `live-${this.sessionId}.wav` };
    } catch (err) {
      this.#deps.log.error({ err, sessionId: this.sessionId }, "live audio could not be kept");
      return undefined;
    }
  }
}

/** Audio-mode transcripts record the model that heard them. */
function withModel<T extends { transcript: { model?: string } }>(analysis: T, engine: UtteranceTranscriber | undefined): T {
  return engine ? { ...analysis, transcript: { ...analysis.transcript, model: engine.model } } : analysis;
}

function toBytes(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
