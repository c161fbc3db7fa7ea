import { randomUUID } from "node:crypto";
import { AppError } from "../errors.ts";
import type { Db } from "../store/database.ts";

/** read: a call's detail (transcript, findings); listen: its audio; export/erase: a data-subject request. */
export type AccessAction = "read" | "listen" | "export" | "erase";

export interface AccessEntry {
  id: string;
  at: string;
  keyId: string;
  callId: string;
  action: AccessAction;
}

/** Records that a key read or listened to calls; written before the data goes out. */
export async function recordAccess(db: Db, keyId: string, callIds: readonly string[], action: AccessAction, now = new Date()): Promise<void> {
  if (callIds.length === 0) return;
  const at = now.toISOString();
  for (let i = 0; i < callIds.length; i += 100) {
    await db
      .insertInto("access_log")
      .values(callIds.slice(i, i + 100).map((callId) => ({ id: randomUUID(), at, key_id: keyId, call_id: callId, action })))
      .execute();
  }
}

export interface AccessLogQuery {
  callId?: string;
  keyId?: string;
  limit: number;
  cursor?: string;
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(value) && typeof value[0] === "string" && typeof value[1] === "string") return [value[0], value[1]];
  } catch {
    // falls through
  }
  throw new AppError("CURSOR_INVALID");
}

/** Newest entries first, with a keyset cursor. */
export async function listAccessLog(db: Db, q: AccessLogQuery): Promise<{ entries: AccessEntry[]; nextCursor: string | null }> {
  let query = db.selectFrom("access_log").selectAll();
  if (q.callId) query = query.where("call_id", "=", q.callId);
  if (q.keyId) query = query.where("key_id", "=", q.keyId);
  if (q.cursor) {
    const [at, id] = decodeCursor(q.cursor);
    query = query.where((eb) => eb.or([eb("at", "<", at), eb.and([eb("at", "=", at), eb("id", "<", id)])]));
  }
  const rows = await query.orderBy("at", "desc").orderBy("id", "desc").limit(q.limit + 1).execute();
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return {
    entries: page.map((r) => ({ id: r.id, at: r.at, keyId: r.key_id, callId: r.call_id, action: r.action as AccessAction })),
    nextCursor: rows.length > q.limit && last ? Buffer.from(JSON.stringify([last.at, last.id])).toString("base64url") : null,
  };
}
