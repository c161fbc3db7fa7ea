import type { FastifyInstance } from "fastify";
import { principalOf } from "../../access/access-control.ts";
import { createApiKey, listApiKeys, revokeApiKey, type NewApiKey } from "../../access/keys.ts";
import { ROLES } from "../../access/roles.ts";
import type { ServerDeps } from "../app.ts";

const keyRecord = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    role: { type: "string", enum: [...ROLES] },
    brandId: { type: ["string", "null"] },
    subcontractorId: { type: ["string", "null"] },
    prefix: { type: "string", description: "the key's first characters, to tell keys apart" },
    createdAt: { type: "string" },
    createdBy: { type: ["string", "null"] },
    revokedAt: { type: ["string", "null"] },
  },
} as const;

const errorRef = { $ref: "ErrorBody#" };

/** API keys: created (shown once), listed (never shown again), revoked. */
export async function keyRoutes(app: FastifyInstance, { deps }: { deps: ServerDeps }): Promise<void> {
  app.post<{ Body: NewApiKey }>(
    "/keys",
    {
      schema: {
        tags: ["keys"],
        summary: "Create an API key. The key is in this answer only: it is stored as a keyed hash and cannot be shown again.",
        body: {
          type: "object",
          properties: {
            name: { type: "string", minLength: 1, maxLength: 200, description: "who or what uses it" },
            role: { type: "string", enum: [...ROLES] },
            brandId: { type: "string", description: "a controller's brand" },
            subcontractorId: { type: "string", description: "a supervisor's or agent-assist client's subcontractor" },
          },
          required: ["name", "role"],
          additionalProperties: false,
        },
        response: {
          201: { type: "object", properties: { key: { type: "string" }, ...keyRecord.properties } },
          400: errorRef,
          404: errorRef,
        },
      },
    },
    async (request, reply) => {
      const { key, record } = await createApiKey(deps.db, deps.apiKeySecret, request.body, principalOf(request).keyId);
      return reply.status(201).send({ key, ...record });
    },
  );
  app.get("/keys", { schema: { tags: ["keys"], summary: "List API keys (never the keys themselves)", response: { 200: { type: "array", items: keyRecord } } } }, () =>
    listApiKeys(deps.db),
  );
  app.delete<{ Params: { id: string } }>(
    "/keys/:id",
    {
      schema: {
        tags: ["keys"],
        summary: "Revoke an API key: refused from the next request on",
        params: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
        response: { 200: keyRecord, 404: errorRef },
      },
    },
    (request) => revokeApiKey(deps.db, request.params.id),
  );
}
