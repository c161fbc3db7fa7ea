import { randomUUID } from "node:crypto";
import websocket from "@fastify/websocket";
import type { FastifyInstance, FastifyPluginAsync } from "fastify";
import type { RulePack } from "../compliance/rule-pack.ts";
import type { AudioStore } from "../store/audio-store.ts";
import type { Db } from "../store/database.ts";
import { bearerToken, type Authenticate } from "./auth.ts";
import { LiveConnection, type LiveLimits } from "./connection.ts";
import type { SegmenterOptions } from "./speech-segmenter.ts";
import type { UtteranceTranscriber } from "./transcriber.ts";

export interface LivePluginOptions {
  db: Db;
  /** Keeps the audio of sessions whose campaign asks for it. */
  audioStore: AudioStore;
  rulePack: () => RulePack;
  /** Checks agent-assist keys (the access-control work plugs the key store in here). */
  authenticate: Authenticate;
  /** Needed for audio mode; transcript mode works without it. */
  transcriber?: UtteranceTranscriber;
  segmenter?: Partial<SegmenterOptions>;
  limits?: Partial<LiveLimits>;
  /** Key of the called numbers' hash (the service's, shared with uploads). */
  numberHashKey: string;
  /** Largest WebSocket message accepted (bytes). */
  maxPayloadBytes?: number;
}

export const DEFAULT_LIVE_LIMITS: Readonly<LiveLimits> = {
  maxSessions: 200,
  maxUtterancesPerSession: 10_000,
  maxHeldOutOfOrder: 32,
  // 1 GiB: over 4 hours of 16 kHz stereo, like the default upload limit.
  maxRecordingBytes: 1024 * 1024 * 1024,
};

/**
 * `GET /live`: the agent-assist WebSocket (see protocol.ts). The sessions in progress belong to
 * this plugin instance, so two servers in one process never share them.
 */
export const liveRoutes: FastifyPluginAsync<LivePluginOptions> = async (app: FastifyInstance, options) => {
  if (!app.hasDecorator("websocketServer")) {
    await app.register(websocket, { options: { maxPayload: options.maxPayloadBytes ?? 1024 * 1024 } });
  }
  const limits: LiveLimits = { ...DEFAULT_LIVE_LIMITS, ...options.limits };
  const active = new Set<string>();

  app.get("/live", { websocket: true, schema: { hide: true } }, (socket, request) => {
    if (active.size >= limits.maxSessions) {
      socket.send(JSON.stringify({ type: "error", code: "TOO_MANY_SESSIONS", message: `this server takes ${limits.maxSessions} live sessions at once; try again later` }));
      socket.close(1013, "TOO_MANY_SESSIONS");
      return;
    }
    const sessionId = randomUUID();
    active.add(sessionId);
    const deps = {
      db: options.db,
      audioStore: options.audioStore,
      rulePack: options.rulePack,
      authenticate: options.authenticate,
      limits,
      log: request.log,
      numberHashKey: options.numberHashKey,
      ...(options.transcriber ? { transcriber: options.transcriber } : {}),
      ...(options.segmenter ? { segmenter: options.segmenter } : {}),
    };
    new LiveConnection(socket, deps, sessionId, bearerToken(request.headers.authorization), () => active.delete(sessionId));
  });
};
