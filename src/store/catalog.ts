import { randomUUID } from "node:crypto";
import type { CallSettings } from "../compliance/types.ts";
import type { Language } from "../transcript/types.ts";
import { AppError } from "../errors.ts";
import type { Db } from "./database.ts";
import type { CampaignRow } from "./schema.ts";
import { EVERYTHING, type TenantScope } from "./scope.ts";

export interface Brand {
  id: string;
  name: string;
  createdAt: string;
}

export type Subcontractor = Brand;

/** A campaign's rule-pack settings; the call's own date and the campaign language complete them per call. */
export type CampaignSettings = Partial<Omit<CallSettings, "calledAt" | "language">>;

export interface Campaign {
  id: string;
  name: string;
  brandId: string;
  brandName: string;
  subcontractorId: string;
  subcontractorName: string;
  language: Language | "auto";
  settings: CampaignSettings;
  /** Live audio-mode sessions keep their audio as a stereo WAV (agent left); off by default. */
  keepLiveAudio: boolean;
  createdAt: string;
}

export interface NewCampaign {
  name: string;
  brandId: string;
  subcontractorId: string;
  language: Language | "auto";
  settings: CampaignSettings;
  keepLiveAudio?: boolean;
}

/** What an administrator may change on an existing campaign. */
export interface CampaignChange {
  keepLiveAudio?: boolean;
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: string }).code;
  // better-sqlite3 and node-postgres spell it differently.
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}

async function insertNamed(db: Db, table: "brands" | "subcontractors", name: string, now: Date): Promise<Brand> {
  const row = { id: randomUUID(), name, created_at: now.toISOString() };
  try {
    await db.insertInto(table).values(row).execute();
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError("CONFLICT", `${table === "brands" ? "brand" : "subcontractor"} "${name}"`);
    throw err;
  }
  return { id: row.id, name, createdAt: row.created_at };
}

export function createBrand(db: Db, name: string, now = new Date()): Promise<Brand> {
  return insertNamed(db, "brands", name, now);
}

export function createSubcontractor(db: Db, name: string, now = new Date()): Promise<Subcontractor> {
  return insertNamed(db, "subcontractors", name, now);
}

/**
 * Brands or subcontractors the scope touches: a controller sees its brand and the subcontractors
 * working on its campaigns; a supervisor sees its subcontractor and the brands it calls for.
 */
async function listNamed(db: Db, table: "brands" | "subcontractors", scope: TenantScope): Promise<Brand[]> {
  let query = db.selectFrom(table).selectAll().orderBy("name");
  const column = table === "brands" ? "campaigns.brand_id" : "campaigns.subcontractor_id";
  const own = table === "brands" ? scope.brandId : scope.subcontractorId;
  if (own !== undefined) query = query.where("id", "=", own);
  const other = table === "brands" ? scope.subcontractorId : scope.brandId;
  if (other !== undefined) {
    const otherColumn = table === "brands" ? "campaigns.subcontractor_id" : "campaigns.brand_id";
    query = query.where("id", "in", (eb) => eb.selectFrom("campaigns").select(column).where(otherColumn, "=", other));
  }
  const rows = await query.execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at }));
}

export const listBrands = (db: Db, scope: TenantScope = EVERYTHING) => listNamed(db, "brands", scope);
export const listSubcontractors = (db: Db, scope: TenantScope = EVERYTHING) => listNamed(db, "subcontractors", scope);

function campaignQuery(db: Db, scope: TenantScope) {
  let query = db
    .selectFrom("campaigns")
    .innerJoin("brands", "brands.id", "campaigns.brand_id")
    .innerJoin("subcontractors", "subcontractors.id", "campaigns.subcontractor_id")
    .selectAll("campaigns")
    .select(["brands.name as brand_name", "subcontractors.name as subcontractor_name"]);
  if (scope.brandId !== undefined) query = query.where("campaigns.brand_id", "=", scope.brandId);
  if (scope.subcontractorId !== undefined) query = query.where("campaigns.subcontractor_id", "=", scope.subcontractorId);
  return query;
}

function toCampaign(row: CampaignRow & { brand_name: string; subcontractor_name: string }): Campaign {
  return {
    id: row.id,
    name: row.name,
    brandId: row.brand_id,
    brandName: row.brand_name,
    subcontractorId: row.subcontractor_id,
    subcontractorName: row.subcontractor_name,
    language: row.language as Campaign["language"],
    settings: JSON.parse(row.settings) as CampaignSettings,
    keepLiveAudio: Number(row.keep_live_audio) === 1,
    createdAt: row.created_at,
  };
}

export async function createCampaign(db: Db, input: NewCampaign, now = new Date()): Promise<Campaign> {
  const id = randomUUID();
  await db.transaction().execute(async (trx) => {
    const brand = await trx.selectFrom("brands").select("id").where("id", "=", input.brandId).executeTakeFirst();
    if (!brand) throw new AppError("NOT_FOUND", `brand ${input.brandId}`);
    const sub = await trx.selectFrom("subcontractors").select("id").where("id", "=", input.subcontractorId).executeTakeFirst();
    if (!sub) throw new AppError("NOT_FOUND", `subcontractor ${input.subcontractorId}`);
    await trx
      .insertInto("campaigns")
      .values({
        id,
        name: input.name,
        brand_id: input.brandId,
        subcontractor_id: input.subcontractorId,
        language: input.language,
        settings: JSON.stringify(input.settings),
        keep_live_audio: input.keepLiveAudio ? 1 : 0,
        created_at: now.toISOString(),
      })
      .execute();
  });
  return (await findCampaign(db, id))!;
}

/** A campaign by id, if it exists and is in the scope (another tenant's reads as unknown). */
export async function findCampaign(db: Db, id: string, scope: TenantScope = EVERYTHING): Promise<Campaign | undefined> {
  const row = await campaignQuery(db, scope).where("campaigns.id", "=", id).executeTakeFirst();
  return row ? toCampaign(row) : undefined;
}

export async function getCampaign(db: Db, id: string, scope: TenantScope = EVERYTHING): Promise<Campaign> {
  const campaign = await findCampaign(db, id, scope);
  if (!campaign) throw new AppError("NOT_FOUND", `campaign ${id}`);
  return campaign;
}

/** Applies a change to a campaign in the scope; unknown (or another tenant's) reads as NOT_FOUND. */
export async function updateCampaign(db: Db, id: string, change: CampaignChange, scope: TenantScope = EVERYTHING): Promise<Campaign> {
  await getCampaign(db, id, scope);
  if (change.keepLiveAudio !== undefined) {
    await db.updateTable("campaigns").set({ keep_live_audio: change.keepLiveAudio ? 1 : 0 }).where("id", "=", id).execute();
  }
  return getCampaign(db, id, scope);
}

export async function listCampaigns(db: Db, scope: TenantScope = EVERYTHING): Promise<Campaign[]> {
  const rows = await campaignQuery(db, scope).orderBy("campaigns.name").execute();
  return rows.map(toCampaign);
}
