import type { FastifyInstance } from "fastify";
import { checkScript } from "../../compliance/script.ts";
import { resolveSettings } from "../../compliance/settings.ts";
import type { CallSettings } from "../../compliance/types.ts";
import { callSettingsFor } from "../../jobs/call-settings.ts";
import { toCallReport } from "../../report/call-report.ts";
import { getCampaign } from "../../store/catalog.ts";
import { scopeOfRequest } from "../../access/access-control.ts";
import type { ServerDeps } from "../app.ts";
import { campaignSettingsSchema } from "./admin.ts";

interface ScriptBody {
  text: string;
  campaignId?: string;
  language?: "fr" | "en" | "auto";
  calledAt?: string;
  settings?: Partial<CallSettings>;
}

/** Checks a call script (what agents are told to say) before any call is made. */
export async function scriptRoutes(app: FastifyInstance, { deps }: { deps: ServerDeps }): Promise<void> {
  app.post<{ Body: ScriptBody }>(
    "/scripts",
    {
      schema: {
        tags: ["scripts"],
        summary: "Check a call script: the same verdict and findings as a call, on the script's lines",
        body: {
          type: "object",
          properties: {
            text: { type: "string", minLength: 1, maxLength: 200_000 },
            campaignId: { type: "string", description: "use this campaign's settings (brand, call centre, sources)" },
            language: { type: "string", enum: ["fr", "en", "auto"] },
            calledAt: { type: "string", description: "date the script is meant for (date-dependent rules)" },
            settings: campaignSettingsSchema,
          },
          required: ["text"],
          additionalProperties: false,
        },
        response: { 200: { type: "object", additionalProperties: true }, 400: { $ref: "ErrorBody#" }, 404: { $ref: "ErrorBody#" } },
      },
    },
    async (request) => {
      const body = request.body;
      const base = body.campaignId ? callSettingsFor(await getCampaign(deps.db, body.campaignId, scopeOfRequest(request)), null) : resolveSettings({});
      const settings = resolveSettings({
        ...base,
        ...body.settings,
        ...(body.language ? { language: body.language } : {}),
        ...(body.calledAt ? { calledAt: body.calledAt } : {}),
      });
      return toCallReport(checkScript(body.text, settings, deps.rulePacks.current()));
    },
  );
}
