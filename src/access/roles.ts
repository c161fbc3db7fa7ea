import type { TenantScope } from "../store/scope.ts";

/** The roles of the design's Vocabulary. */
export const ROLES = ["admin", "controller", "supervisor", "agent-assist"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Who is calling: an API key that is valid and not revoked, with the tenant it belongs to. */
export interface Principal {
  keyId: string;
  name: string;
  role: Role;
  /** A controller's brand. */
  brandId: string | null;
  /** A supervisor's or agent-assist client's subcontractor. */
  subcontractorId: string | null;
}

/**
 * What a principal may see: an admin everything, a controller its brand's campaigns (all their
 * subcontractors), a supervisor or agent-assist client its own subcontractor's campaigns.
 */
export function scopeOf(principal: Principal): TenantScope {
  switch (principal.role) {
    case "admin":
      return {};
    case "controller":
      return { brandId: principal.brandId! };
    case "supervisor":
    case "agent-assist":
      return { subcontractorId: principal.subcontractorId! };
  }
}
