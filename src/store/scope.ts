import type { ExpressionBuilder, SelectQueryBuilder } from "kysely";
import type { Database } from "./schema.ts";

/**
 * The part of the data a caller may see: everything (empty), one brand's campaigns (a
 * controller) or one subcontractor's (a supervisor, an agent-assist client). Every query that
 * reads calls, campaigns or report counters narrows by it, so an id outside the scope reads
 * exactly like an id that does not exist.
 */
export interface TenantScope {
  brandId?: string;
  subcontractorId?: string;
}

export const EVERYTHING: TenantScope = Object.freeze({});

/** The ids of the campaigns in scope, as a subquery. */
export function campaignsInScope<DB extends Database, TB extends keyof DB>(eb: ExpressionBuilder<DB, TB>, scope: TenantScope) {
  let q = (eb as unknown as ExpressionBuilder<Database, never>).selectFrom("campaigns").select("campaigns.id");
  if (scope.brandId !== undefined) q = q.where("campaigns.brand_id", "=", scope.brandId);
  if (scope.subcontractorId !== undefined) q = q.where("campaigns.subcontractor_id", "=", scope.subcontractorId);
  return q;
}

export function isScoped(scope: TenantScope): boolean {
  return scope.brandId !== undefined || scope.subcontractorId !== undefined;
}

/** Narrows a query over `calls` to the calls of the campaigns in scope. */
export function callsInScope<O>(query: SelectQueryBuilder<Database, "calls", O>, scope: TenantScope): SelectQueryBuilder<Database, "calls", O> {
  if (!isScoped(scope)) return query;
  return query.where("calls.campaign_id", "in", (eb) => campaignsInScope(eb, scope));
}
