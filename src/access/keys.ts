import { createHmac, randomBytes, randomUUID } from "node:crypto";
import { AppError } from "../errors.ts";
import type { Db } from "../store/database.ts";
import type { Principal, Role } from "./roles.ts";

/** Every key starts with this, so a leaked key is recognisable (secret scanners, logs). */
export const KEY_PREFIX = "cca_";
/** 32 random bytes: 256 bits, out of reach of guessing; base64url keeps the key header-safe. */
const KEY_BYTES = 32;
const KEY_SHAPE = /^cca_[A-Za-z0-9_-]{43}$/;
/** Characters of the key kept in clear to tell keys apart in lists (16 random bits: not enough to help a guess). */
const SHOWN_CHARS = KEY_PREFIX.length + 6;

export interface ApiKeyRecord {
  id: string;
  name: string;
  role: Role;
  brandId: string | null;
  subcontractorId: string | null;
  /** The key's first characters, e.g. "cca_Xy12ab". */
  prefix: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

export interface NewApiKey {
  name: string;
  role: Role;
  brandId?: string;
  subcontractorId?: string;
}

/**
 * Keys are random, so a keyed hash (HMAC-SHA256 under a secret of the data directory) is as
 * strong as a slow KDF against a stolen database and costs microseconds per request; a slow
 * KDF only matters for guessable secrets such as passwords. The hash is the lookup index.
 */
export function hashApiKey(key: string, secret: string): string {
  return createHmac("sha256", secret).update(key).digest("hex");
}

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(KEY_BYTES).toString("base64url");
}

function checkTenant(input: NewApiKey): void {
  const needsBrand = input.role === "controller";
  const needsSub = input.role === "supervisor" || input.role === "agent-assist";
  if (needsBrand !== (input.brandId !== undefined)) {
    throw new AppError("USAGE", needsBrand ? "a controller key needs brandId" : `a ${input.role} key takes no brandId`);
  }
  if (needsSub !== (input.subcontractorId !== undefined)) {
    throw new AppError("USAGE", needsSub ? `a ${input.role} key needs subcontractorId` : `a ${input.role} key takes no subcontractorId`);
  }
}

/** Creates a key; the returned `key` is the only time it exists in clear. */
export async function createApiKey(
  db: Db,
  secret: string,
  input: NewApiKey,
  createdBy: string | null = null,
  now = new Date(),
): Promise<{ key: string; record: ApiKeyRecord }> {
  checkTenant(input);
  if (input.brandId !== undefined) {
    const brand = await db.selectFrom("brands").select("id").where("id", "=", input.brandId).executeTakeFirst();
    if (!brand) throw new AppError("NOT_FOUND", `brand ${input.brandId}`);
  }
  if (input.subcontractorId !== undefined) {
    const sub = await db.selectFrom("subcontractors").select("id").where("id", "=", input.subcontractorId).executeTakeFirst();
    if (!sub) throw new AppError("NOT_FOUND", `subcontractor ${input.subcontractorId}`);
  }
  const key = generateApiKey();
  const record: ApiKeyRecord = {
    id: randomUUID(),
    name: input.name,
    role: input.role,
    brandId: input.brandId ?? null,
    subcontractorId: input.subcontractorId ?? null,
    prefix: key.slice(0, SHOWN_CHARS),
    createdAt: now.toISOString(),
    createdBy,
    revokedAt: null,
  };
  await db
    .insertInto("api_keys")
    .values({
      id: record.id,
      name: record.name,
      role: record.role,
      brand_id: record.brandId,
      subcontractor_id: record.subcontractorId,
      key_hash: hashApiKey(key, secret),
      key_prefix: record.prefix,
      created_at: record.createdAt,
      created_by: createdBy,
      revoked_at: null,
    })
    .execute();
  return { key, record };
}

type KeyRow = {
  id: string;
  name: string;
  role: string;
  brand_id: string | null;
  subcontractor_id: string | null;
  key_prefix: string;
  created_at: string;
  created_by: string | null;
  revoked_at: string | null;
};

function toRecord(row: KeyRow): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    brandId: row.brand_id,
    subcontractorId: row.subcontractor_id,
    prefix: row.key_prefix,
    createdAt: row.created_at,
    createdBy: row.created_by,
    revokedAt: row.revoked_at,
  };
}

const RECORD_COLUMNS = ["id", "name", "role", "brand_id", "subcontractor_id", "key_prefix", "created_at", "created_by", "revoked_at"] as const;

export async function listApiKeys(db: Db): Promise<ApiKeyRecord[]> {
  const rows = await db.selectFrom("api_keys").select(RECORD_COLUMNS).orderBy("created_at").orderBy("id").execute();
  return rows.map(toRecord);
}

export async function countActiveAdminKeys(db: Db): Promise<number> {
  const row = await db
    .selectFrom("api_keys")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("revoked_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Revokes a key at once (the next request with it is refused); revoking twice keeps the first date. */
export async function revokeApiKey(db: Db, id: string, now = new Date()): Promise<ApiKeyRecord> {
  await db.updateTable("api_keys").set({ revoked_at: now.toISOString() }).where("id", "=", id).where("revoked_at", "is", null).execute();
  const row = await db.selectFrom("api_keys").select(RECORD_COLUMNS).where("id", "=", id).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", `key ${id}`);
  return toRecord(row);
}

/** The principal of a presented key, or null when it is malformed, unknown or revoked. */
export async function verifyApiKey(db: Db, secret: string, key: string): Promise<Principal | null> {
  // The shape check spares the database garbage and keeps oversized headers out of the hash.
  if (!KEY_SHAPE.test(key)) return null;
  const row = await db
    .selectFrom("api_keys")
    .select(["id", "name", "role", "brand_id", "subcontractor_id", "revoked_at"])
    .where("key_hash", "=", hashApiKey(key, secret))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  return { keyId: row.id, name: row.name, role: row.role as Role, brandId: row.brand_id, subcontractorId: row.subcontractor_id };
}
