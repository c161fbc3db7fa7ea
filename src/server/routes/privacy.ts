import type { FastifyInstance } from "fastify";
import { principalOf, scopeOfRequest } from "../../access/access-control.ts";
import { eraseSubject, exportSubject } from "../../privacy/data-subject.ts";
import type { ServerDeps } from "../app.ts";
import { toCallView } from "../call-view.ts";

// The number goes in a body, never in a URL, so it stays out of access logs and proxies.
const numberBody = {
  type: "object",
  properties: { calledNumber: { type: "string", minLength: 3, maxLength: 40, description: "as dialled; spelling does not matter (06 12..., +33 6 12...)" } },
  required: ["calledNumber"],
  additionalProperties: false,
} as const;

const errorRef = { $ref: "ErrorBody#" };

/** Data-subject requests by phone number: export everything held, or erase it. */
export async function privacyRoutes(app: FastifyInstance, { deps }: { deps: ServerDeps }): Promise<void> {
  app.post<{ Body: { calledNumber: string } }>(
    "/data-subjects/export",
    {
      schema: {
        tags: ["privacy"],
        summary: "Everything held about a called number (calls, transcripts, findings, audio references), for an access request",
        body: numberBody,
        response: {
          200: { type: "object", properties: { numberHash: { type: "string" }, calls: { type: "array", items: { type: "object", additionalProperties: true } } } },
          400: errorRef,
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const result = await exportSubject(deps.db, request.body.calledNumber, deps.numberHashKey, scopeOfRequest(request), principal.keyId);
      return { numberHash: result.numberHash, calls: result.calls.map(toCallView) };
    },
  );
  app.post<{ Body: { calledNumber: string } }>(
    "/data-subjects/erase",
    {
      schema: {
        tags: ["privacy"],
        summary: "Erase every call of a called number: recordings, transcripts, findings; report counters lose them",
        body: numberBody,
        response: {
          200: {
            type: "object",
            properties: { numberHash: { type: "string" }, callsErased: { type: "integer" }, audioFilesDeleted: { type: "integer" } },
          },
          400: errorRef,
        },
      },
    },
    (request) =>
      eraseSubject(deps.db, deps.audioStore, request.body.calledNumber, deps.numberHashKey, scopeOfRequest(request), principalOf(request).keyId),
  );
}
