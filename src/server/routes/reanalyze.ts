import type { FastifyInstance } from "fastify";
import { reanalyzeCampaign } from "../../jobs/reanalyze.ts";
import { scopeOfRequest } from "../../access/access-control.ts";
import { getCampaign } from "../../store/catalog.ts";
import type { ServerDeps } from "../app.ts";

/** Re-analysis of stored transcripts after a rule-pack change. */
export async function reanalyzeRoutes(app: FastifyInstance, { deps }: { deps: ServerDeps }): Promise<void> {
  app.post<{ Params: { id: string } }>(
    "/campaigns/:id/reanalyze",
    {
      schema: {
        tags: ["campaigns"],
        summary: "Re-run the engine, with the rule pack now on disk, on the campaign's analyzed calls; lists the verdicts that changed",
        params: { type: "object", properties: { id: { type: "string" } }, required: ["id"] },
        response: {
          200: {
            type: "object",
            properties: {
              campaignId: { type: "string" },
              rulePack: { type: "object", properties: { id: { type: "string" }, version: { type: "string" } } },
              reanalyzed: { type: "integer" },
              skipped: { type: "integer" },
              changed: {
                type: "array",
                items: {
                  type: "object",
                  properties: {
                    callId: { type: "string" },
                    from: { type: ["string", "null"] },
                    to: { type: "string" },
                    previousRulePack: { type: ["object", "null"], properties: { id: { type: "string" }, version: { type: "string" } } },
                  },
                },
              },
            },
          },
          404: { $ref: "ErrorBody#" },
        },
      },
    },
    async (request) => {
      // Another brand's campaign reads as unknown.
      await getCampaign(deps.db, request.params.id, scopeOfRequest(request));
      return reanalyzeCampaign(deps.db, request.params.id, deps.rulePacks.current());
    },
  );
}
