import type { FastifyInstance } from "fastify";
import { listAccessLog, type AccessLogQuery } from "../../access/access-log.ts";
import type { ServerDeps } from "../app.ts";

/** Who read or listened to which call, when. */
export async function accessLogRoutes(app: FastifyInstance, { deps }: { deps: ServerDeps }): Promise<void> {
  app.get<{ Querystring: AccessLogQuery }>(
    "/access-log",
    {
      schema: {
        tags: ["keys"],
        summary: "The access log, newest first: which key read (detail, progress), listened to (audio), exported or erased which call",
        querystring: {
          type: "object",
          properties: {
            callId: { type: "string" },
            keyId: { type: "string" },
            cursor: { type: "string" },
            limit: { type: "integer", minimum: 1, maximum: 1000, default: 100 },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: "object",
            properties: {
              entries: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    id: { type: "string" },
                    at: { type: "string" },
                    keyId: { type: "string" },
                    callId: { type: "string" },
                    action: { type: "string", enum: ["read", "listen", "export", "erase"] },
                  },
                },
              },
              nextCursor: { type: ["string", "null"] },
            },
          },
          400: { $ref: "ErrorBody#" },
        },
      },
    },
    (request) => listAccessLog(deps.db, request.query),
  );
}
