import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import swagger from "@fastify/swagger";
import type { RulePackSource } from "../config/rule-pack-source.ts";
import type { AudioStore } from "../store/audio-store.ts";
import type { Db } from "../store/database.ts";
import { errorBodySchema, installErrorHandler } from "./error-handler.ts";
import { adminRoutes } from "./routes/admin.ts";
import { callRoutes } from "./routes/calls.ts";
import { reanalyzeRoutes } from "./routes/reanalyze.ts";
import { reportRoutes } from "./routes/reports.ts";
import { scriptRoutes } from "./routes/scripts.ts";

/** What the routes work with; built once by the service entry point (or a test). */
export interface ServerDeps {
  db: Db;
  audioStore: AudioStore;
  rulePacks: RulePackSource;
  numberHashKey: string;
}

export interface ServerOptions {
  /** Request logs go to this pino logger; none when absent. */
  logger?: FastifyBaseLogger;
  maxUploadBytes: number;
  /** How often the progress stream looks at a call (it may be processed by another process). */
  progressPollMs?: number;
}

/**
 * The HTTP API. Each resource group is its own plugin, so an access-control hook can later be
 * added per group (or per route through the route's config) without touching the handlers.
 */
export async function buildServer(deps: ServerDeps, options: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(options.logger ? { loggerInstance: options.logger } : { logger: false }),
    ajv: { customOptions: { removeAdditional: false } },
  });
  installErrorHandler(app);
  app.addSchema(errorBodySchema);
  await app.register(swagger, {
    // Shared schemas keep their $id as their name in the document.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === "string" ? json.$id : `def-${i}`) },
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "Call compliance analyzer API",
        description: "Upload telemarketing call recordings or transcripts, get per-element compliance verdicts and per-subcontractor reports.",
        version: "0.1.0",
      },
    },
  });
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/health", { schema: { hide: true } }, async () => ({ ok: true }));

  await app.register(adminRoutes, { deps });
  await app.register(callRoutes, { deps, maxUploadBytes: options.maxUploadBytes, progressPollMs: options.progressPollMs ?? 500 });
  await app.register(scriptRoutes, { deps });
  await app.register(reportRoutes, { deps });
  await app.register(reanalyzeRoutes, { deps });
  return app;
}
