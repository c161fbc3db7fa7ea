import type { FastifyInstance, FastifyRequest } from "fastify";
import { scopeOfRequest } from "../../access/access-control.ts";
import { AppError } from "../../errors.ts";
import { deleteWebhook, getWebhook, setWebhook } from "../../privacy/webhooks.ts";
import { listBrands } from "../../store/catalog.ts";
import type { ServerDeps } from "../app.ts";

const params = { type: "object", properties: { id: { type: "string" } }, required: ["id"] } as const;
const errorRef = { $ref: "ErrorBody#" };
const webhook = { type: "object", properties: { url: { type: "string" }, createdAt: { type: "string" } } } as const;

/** A brand's webhook for non-compliant calls; a controller manages its own brand's only. */
export async function webhookRoutes(app: FastifyInstance, { deps }: { deps: ServerDeps }): Promise<void> {
  async function brandInScope(request: FastifyRequest<{ Params: { id: string } }>): Promise<string> {
    const brands = await listBrands(deps.db, scopeOfRequest(request));
    if (!brands.some((b) => b.id === request.params.id)) throw new AppError("NOT_FOUND", `brand ${request.params.id}`);
    return request.params.id;
  }

  app.put<{ Params: { id: string }; Body: { url: string } }>(
    "/brands/:id/webhook",
    {
      schema: {
        tags: ["privacy"],
        summary:
          "Set the brand's webhook for non-compliant calls. Deliveries are POSTs signed with HMAC-SHA256 (x-webhook-signature: v1=hex of `<x-webhook-timestamp>.<body>`); the secret is in this answer only.",
        params,
        body: { type: "object", properties: { url: { type: "string", minLength: 1, maxLength: 2000 } }, required: ["url"], additionalProperties: false },
        response: { 200: { type: "object", properties: { ...webhook.properties, secret: { type: "string" } } }, 400: errorRef, 404: errorRef },
      },
    },
    async (request) => setWebhook(deps.db, await brandInScope(request), request.body.url),
  );
  app.get<{ Params: { id: string } }>(
    "/brands/:id/webhook",
    { schema: { tags: ["privacy"], summary: "The brand's webhook (without its secret)", params, response: { 200: webhook, 404: errorRef } } },
    async (request) => getWebhook(deps.db, await brandInScope(request)),
  );
  app.delete<{ Params: { id: string } }>(
    "/brands/:id/webhook",
    { schema: { tags: ["privacy"], summary: "Remove the brand's webhook", params, response: { 204: { type: "null" }, 404: errorRef } } },
    async (request, reply) => {
      await deleteWebhook(deps.db, await brandInScope(request));
      return reply.status(204).send();
    },
  );
}
