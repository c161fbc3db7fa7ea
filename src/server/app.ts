import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import swagger from "@fastify/swagger";
import { installAccessControl, keyVerifier } from "../access/access-control.ts";
import type { RulePackSource } from "../config/rule-pack-source.ts";
import type { LivePrincipal } from "../live/auth.ts";
import { liveRoutes } from "../live/plugin.ts";
import type { UtteranceTranscriber } from "../live/transcriber.ts";
import type { AudioStore } from "../store/audio-store.ts";
import { listCampaigns } from "../store/catalog.ts";
import type { Db } from "../store/database.ts";
import { errorBodySchema, installErrorHandler } from "./error-handler.ts";
import { installJsonParser } from "./json-body.ts";
import { accessLogRoutes } from "./routes/access-log.ts";
import { adminRoutes } from "./routes/admin.ts";
import { callRoutes } from "./routes/calls.ts";
import { keyRoutes } from "./routes/keys.ts";
import { privacyRoutes } from "./routes/privacy.ts";
import { reanalyzeRoutes } from "./routes/reanalyze.ts";
import { reportRoutes } from "./routes/reports.ts";
import { scriptRoutes } from "./routes/scripts.ts";
import { webhookRoutes } from "./routes/webhooks.ts";

/** What the routes work with; built once by the service entry point (or a test). */
export interface ServerDeps {
  db: Db;
  audioStore: AudioStore;
  rulePacks: RulePackSource;
  numberHashKey: string;
  /** Secret of the keyed hash that API keys are stored as. */
  apiKeySecret: string;
}

export interface ServerOptions {
  /** Request logs go to this pino logger; none when absent. */
  logger?: FastifyBaseLogger;
  maxUploadBytes: number;
  /** Recordings up to this size are decoded in full at upload; larger ones are checked by their header only. */
  uploadDecodeCheckBytes?: number;
  /** How often the progress stream looks at a call (it may be processed by another process). */
  progressPollMs?: number;
  /** Live audio mode needs it; transcript mode works without. */
  liveTranscriber?: UtteranceTranscriber;
  maxLiveSessions?: number;
}

/** Headers that keep a browser from running or framing anything the API returns (transcripts are data). */
const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
  "referrer-policy": "no-referrer",
  "cross-origin-resource-policy": "same-origin",
};

/**
 * The HTTP API. Each resource group is its own plugin; access control is one onRoute hook that
 * gives every route the check its entry in src/access/policy.ts asks for.
 */
export async function buildServer(deps: ServerDeps, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ajv: { customOptions: { removeAdditional: false } },
  });
  installErrorHandler(app);
  installJsonParser(app);
  app.addHook("onSend", async (_request, reply) => {
    reply.headers(SECURITY_HEADERS);
    // Answers hold personal data: no shared or browser cache keeps them.
    if (!reply.hasHeader("cache-control")) reply.header("cache-control", "no-store");
  });
  const verify = keyVerifier(deps.db, deps.apiKeySecret);
  installAccessControl(app, verify);
  app.addSchema(errorBodySchema);
  await app.register(swagger, {
    // Shared schemas keep their $id as their name in the document.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === "string" ? json.$id : `def-${i}`) },
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Call compliance analyzer API",
        description:
          "Upload telemarketing call recordings or transcripts, get per-element compliance verdicts and per-subcontractor reports. Every route but /health and /openapi.json takes an API key: `Authorization: Bearer cca_...`.",
        version: "0.1.0",
      },
      components: { securitySchemes: { apiKey: { type: "http", scheme: "bearer" } } },
      security: [{ apiKey: [] }],
    },
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/health", { schema: { hide: true } }, async () => ({ ok: true }));

  await app.register(adminRoutes, { deps });
  await app.register(callRoutes, {
    deps,
    maxUploadBytes: options.maxUploadBytes,
    decodeCheckBytes: options.uploadDecodeCheckBytes ?? DEFAULT_DECODE_CHECK_BYTES,
    progressPollMs: options.progressPollMs ?? 500,
  });
  await app.register(scriptRoutes, { deps });
  await app.register(reportRoutes, { deps });
  await app.register(reanalyzeRoutes, { deps });
  await app.register(keyRoutes, { deps });
  await app.register(accessLogRoutes, { deps });
  await app.register(privacyRoutes, { deps });
  await app.register(webhookRoutes, { deps });

  // Agent-assist keys open live sessions for their subcontractor's campaigns (read at each open,
  // so a campaign created or a key revoked later counts at once).
  const authenticate = async (token: string): Promise<LivePrincipal | null> => {
    const principal = await verify(token);
    if (!principal || principal.role !== "agent-assist" || !principal.subcontractorId) return null;
    const campaigns = await listCampaigns(deps.db, { subcontractorId: principal.subcontractorId });
    return { subcontractorId: principal.subcontractorId, campaigns: campaigns.map((c) => c.id) };
  };
  await app.register(liveRoutes, {
    db: deps.db,
    audioStore: deps.audioStore,
    rulePack: () => deps.rulePacks.current(),
    authenticate,
    numberHashKey: deps.numberHashKey,
    ...(options.liveTranscriber ? { transcriber: options.liveTranscriber } : {}),
    // A kept live call is held to the same size as an uploaded recording.
    limits: { maxRecordingBytes: options.maxUploadBytes, ...(options.maxLiveSessions ? { maxSessions: options.maxLiveSessions } : {}) },
  });
  return app;
}

/** 32 MiB: about 17 minutes of 16-bit 16 kHz stereo WAV, decoded in well under a second. */
export const DEFAULT_DECODE_CHECK_BYTES = 32 * 1024 * 1024;
