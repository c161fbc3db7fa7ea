import type { FastifyInstance } from "fastify";
import type { CallSettings } from "../../compliance/types.ts";
import {
  createBrand,
  createCampaign,
  createSubcontractor,
  getCampaign,
  listBrands,
  listCampaigns,
  listSubcontractors,
  updateCampaign,
  type CampaignChange,
  type NewCampaign,
} from "../../store/catalog.ts";
import { scopeOfRequest } from "../../access/access-control.ts";
import type { ServerDeps } from "../app.ts";

const named = {
  type: "object",
  properties: { id: { type: "string" }, name: { type: "string" }, createdAt: { type: "string" } },
  required: ["id", "name", "createdAt"],
} as const;

const nameBody = {
  type: "object",
  properties: { name: { type: "string", minLength: 1, maxLength: 200 } },
  required: ["name"],
  additionalProperties: false,
} as const;

/** The rule-pack settings a campaign may set (see CallSettings); the call date comes per call. */
export const campaignSettingsSchema = {
  type: "object",
  properties: {
    brands: { type: "array", items: { type: "string", minLength: 1 } },
    callCentres: { type: "array", items: { type: "string", minLength: 1 } },
    dataSources: { type: "array", items: { type: "string", minLength: 1 } },
    recorded: { type: "boolean" },
    leadOrigin: { type: "string", enum: ["third_party", "own_customers"] },
    pitchMode: { type: "string", enum: ["strict", "hard_only"] },
  },
  additionalProperties: false,
} as const;

const campaign = {
  type: "object",
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    brandId: { type: "string" },
    brandName: { type: "string" },
    subcontractorId: { type: "string" },
    subcontractorName: { type: "string" },
    language: { type: "string", enum: ["fr", "en", "auto"] },
    settings: campaignSettingsSchema,
    keepLiveAudio: { type: "boolean" },
    createdAt: { type: "string" },
  },
} as const;

const keepLiveAudioSchema = {
  type: "boolean",
  description: "keep the audio of this campaign's live audio-mode sessions (stereo WAV, agent left), subject to retention; off by default",
} as const;

const idParams = { type: "object", properties: { id: { type: "string" } }, required: ["id"] } as const;
const errors = { 400: { $ref: "ErrorBody#" }, 404: { $ref: "ErrorBody#" }, 409: { $ref: "ErrorBody#" } };

/** The minimal catalogue administration that uploads need: brands, subcontractors, campaigns. */
export async function adminRoutes(app: FastifyInstance, { deps }: { deps: ServerDeps }): Promise<void> {
  const { db } = deps;

  app.post<{ Body: { name: string } }>(
    "/brands",
    { schema: { tags: ["admin"], summary: "Create a brand", body: nameBody, response: { 201: named, ...errors } } },
    async (request, reply) => reply.status(201).send(await createBrand(db, request.body.name)),
  );
  app.get(
    "/brands",
    { schema: { tags: ["admin"], summary: "List the brands the key may see", response: { 200: { type: "array", items: named } } } },
    (request) => listBrands(db, scopeOfRequest(request)),
  );

  app.post<{ Body: { name: string } }>(
    "/subcontractors",
    { schema: { tags: ["admin"], summary: "Create a subcontractor (call centre)", body: nameBody, response: { 201: named, ...errors } } },
    async (request, reply) => reply.status(201).send(await createSubcontractor(db, request.body.name)),
  );
  app.get(
    "/subcontractors",
    { schema: { tags: ["admin"], summary: "List the subcontractors the key may see", response: { 200: { type: "array", items: named } } } },
    (request) => listSubcontractors(db, scopeOfRequest(request)),
  );

  app.post<{ Body: NewCampaign }>(
    "/campaigns",
    {
      schema: {
        tags: ["admin"],
        summary: "Create a campaign: a brand's calls made by one subcontractor, with its rule-pack settings",
        body: {
          type: "object",
          properties: {
            name: { type: "string", minLength: 1, maxLength: 200 },
            brandId: { type: "string" },
            subcontractorId: { type: "string" },
            language: { type: "string", enum: ["fr", "en", "auto"], default: "auto" },
            settings: { ...campaignSettingsSchema, default: {} },
            keepLiveAudio: keepLiveAudioSchema,
          },
          required: ["name", "brandId", "subcontractorId"],
          additionalProperties: false,
        },
        response: { 201: campaign, ...errors },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const settings: Partial<CallSettings> = body.settings;
      return reply.status(201).send(await createCampaign(db, { ...body, settings }));
    },
  );
  app.get(
    "/campaigns",
    { schema: { tags: ["admin"], summary: "List the campaigns the key may see", response: { 200: { type: "array", items: campaign } } } },
    (request) => listCampaigns(db, scopeOfRequest(request)),
  );
  app.get<{ Params: { id: string } }>(
    "/campaigns/:id",
    { schema: { tags: ["admin"], summary: "One campaign", params: idParams, response: { 200: campaign, 404: { $ref: "ErrorBody#" } } } },
    (request) => getCampaign(db, request.params.id, scopeOfRequest(request)),
  );
  app.patch<{ Params: { id: string }; Body: CampaignChange }>(
    "/campaigns/:id",
    {
      schema: {
        tags: ["admin"],
        summary: "Change a campaign: whether its live sessions keep their audio",
        params: idParams,
        body: { type: "object", properties: { keepLiveAudio: keepLiveAudioSchema }, additionalProperties: false, minProperties: 1 },
        response: { 200: campaign, ...errors },
      },
    },
    (request) => updateCampaign(db, request.params.id, request.body, scopeOfRequest(request)),
  );
}
