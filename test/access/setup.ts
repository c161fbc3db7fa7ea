// A real API (buildServer on 127.0.0.1, a random port) over a real store in a temp directory,
// with two brands, two subcontractors, a campaign each, and a key per role and tenant.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { FastifyInstance } from "fastify";
import { createApiKey, revokeApiKey, type NewApiKey } from "../../src/access/keys.ts";
import { RulePackSource } from "../../src/config/rule-pack-source.ts";
import { buildServer, type ServerDeps } from "../../src/server/app.ts";
import { AudioStore } from "../../src/store/audio-store.ts";
import { createBrand, createCampaign, createSubcontractor } from "../../src/store/catalog.ts";
import { openDatabase } from "../../src/store/database.ts";
import { COMPLIANT_FR } from "../server/fixtures.ts";
import { api, bearer, wavBytes } from "../server/harness.ts";

export interface Tenant {
  brandId: string;
  subcontractorId: string;
  campaignId: string;
  /** A transcript call and a recording call of this tenant's campaign. */
  transcriptCallId: string;
  audioCallId: string;
  keys: { controller: string; supervisor: string; agent: string };
}

export interface AccessWorld {
  app: FastifyInstance;
  url: string;
  deps: ServerDeps;
  dataDir: string;
  admin: string;
  revoked: string;
  a: Tenant;
  b: Tenant;
  newKey(input: NewApiKey): Promise<{ key: string; id: string }>;
  stop(): Promise<void>;
}

export const CALLED_NUMBER_A = "06 12 34 56 78";

export async function startAccessWorld(): Promise<AccessWorld> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "access-"));
  const db = await openDatabase(dataDir);
  const deps: ServerDeps = { db, audioStore: new AudioStore(dataDir), rulePacks: new RulePackSource(), numberHashKey: "k".repeat(64), apiKeySecret: "s".repeat(64) };
  const app = await buildServer(deps, { maxUploadBytes: 10 * 1024 * 1024, progressPollMs: 20 });
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const newKey = async (input: NewApiKey) => {
    const { key, record } = await createApiKey(db, deps.apiKeySecret, input);
    return { key, id: record.id };
  };
  const admin = (await newKey({ name: "admin", role: "admin" })).key;
  const revokedKey = await newKey({ name: "gone", role: "admin" });
  await revokeApiKey(db, revokedKey.id);

  async function tenant(suffix: string): Promise<Tenant> {
    const brand = await createBrand(db, `Brand ${suffix}`);
    const sub = await createSubcontractor(db, `Centre ${suffix}`);
    const campaign = await createCampaign(db, { name: `Campaign ${suffix}`, brandId: brand.id, subcontractorId: sub.id, language: "fr", settings: {} });
    const transcript = await api(
      url + "/calls",
      "POST",
      { campaignId: campaign.id, calledNumber: CALLED_NUMBER_A, transcript: { utterances: COMPLIANT_FR } },
      admin,
    );
    const form = new FormData();
    form.append("campaignId", campaign.id);
    form.append("recordings", new Blob([new Uint8Array(wavBytes(0.3))]), `${suffix}.wav`);
    const audio = (await (await fetch(url + "/calls", { method: "POST", body: form, headers: bearer(admin) })).json()) as { calls: Array<{ id: string }> };
    return {
      brandId: brand.id,
      subcontractorId: sub.id,
      campaignId: campaign.id,
      transcriptCallId: transcript.body.calls[0].id,
      audioCallId: audio.calls[0]!.id,
      keys: {
        controller: (await newKey({ name: `controller ${suffix}`, role: "controller", brandId: brand.id })).key,
        supervisor: (await newKey({ name: `supervisor ${suffix}`, role: "supervisor", subcontractorId: sub.id })).key,
        agent: (await newKey({ name: `agent ${suffix}`, role: "agent-assist", subcontractorId: sub.id })).key,
      },
    };
  }
  const a = await tenant("A");
  const b = await tenant("B");
  return {
    app,
    url,
    deps,
    dataDir,
    admin,
    revoked: revokedKey.key,
    a,
    b,
    newKey,
    async stop() {
      await app.close();
      await db.destroy();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Status of a request; a server-sent events stream is cut once its status is known. */
export async function statusOf(url: string, method: string, body: unknown, key: string | undefined): Promise<number> {
  const controller = new AbortController();
  const res = await fetch(url, {
    method,
    headers: { ...bearer(key), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: controller.signal,
  });
  controller.abort();
  return res.status;
}
