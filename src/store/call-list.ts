import type { CallVerdict, ElementId, ElementStatus } from "../compliance/types.ts";
import { AppError } from "../errors.ts";
import type { Db } from "./database.ts";
import { toStoredCall, type CallStatus, type StoredCall } from "./calls.ts";
import { callsInScope, EVERYTHING, type TenantScope } from "./scope.ts";

export interface CallFilter {
  subcontractorId?: string;
  campaignId?: string;
  agentId?: string;
  verdict?: CallVerdict;
  status?: CallStatus;
  /** Calls where this element has one of `elementStatuses` (missing, late or violated by default). */
  element?: ElementId;
  elementStatuses?: ElementStatus[];
  /** Inclusive lower bound on the call date (UTC ISO). */
  from?: string;
  /** Exclusive upper bound on the call date (UTC ISO). */
  to?: string;
}

export interface CallPage {
  calls: StoredCall[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

interface CursorPosition {
  datedAt: string;
  id: string;
}

function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.datedAt, position.id])).toString("base64url");
}

function decodeCursor(cursor: string): CursorPosition {
  try {
    const [datedAt, id] = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as unknown[];
    if (typeof datedAt === "string" && typeof id === "string") return { datedAt, id };
  } catch {
    // falls through to the error below
  }
  throw new AppError("CURSOR_INVALID");
}

export const NON_COMPLIANT_STATUSES: ElementStatus[] = ["missing", "late", "violated"];

/** Newest calls first (by call date, then id): a keyset cursor stays stable while calls arrive. */
export async function listCalls(db: Db, filter: CallFilter, limit: number, cursor?: string, scope: TenantScope = EVERYTHING): Promise<CallPage> {
  let query = callsInScope(db.selectFrom("calls").selectAll("calls"), scope);
  if (filter.subcontractorId) {
    query = query.where("calls.campaign_id", "in", (eb) =>
      eb.selectFrom("campaigns").select("campaigns.id").where("campaigns.subcontractor_id", "=", filter.subcontractorId!),
    );
  }
  if (filter.campaignId) query = query.where("calls.campaign_id", "=", filter.campaignId);
  if (filter.agentId) query = query.where("calls.agent_id", "=", filter.agentId);
  if (filter.verdict) query = query.where("calls.verdict", "=", filter.verdict);
  if (filter.status) query = query.where("calls.status", "=", filter.status);
  if (filter.from) query = query.where("calls.dated_at", ">=", filter.from);
  if (filter.to) query = query.where("calls.dated_at", "<", filter.to);
  if (filter.element) {
    const statuses = filter.elementStatuses?.length ? filter.elementStatuses : NON_COMPLIANT_STATUSES;
    query = query.where("calls.id", "in", (eb) =>
      eb
        .selectFrom("element_findings")
        .select("element_findings.call_id")
        .where("element_findings.element_id", "=", filter.element!)
        .where("element_findings.status", "in", statuses),
    );
  }
  if (cursor) {
    const after = decodeCursor(cursor);
    query = query.where((eb) =>
      eb.or([
        eb("calls.dated_at", "<", after.datedAt),
        eb.and([eb("calls.dated_at", "=", after.datedAt), eb("calls.id", "<", after.id)]),
      ]),
    );
  }
  const rows = await query.orderBy("calls.dated_at", "desc").orderBy("calls.id", "desc").limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    calls: page.map(toStoredCall),
    nextCursor: rows.length > limit && last ? encodeCursor({ datedAt: last.dated_at, id: last.id }) : null,
  };
}
