import type { Campaign } from "../store/catalog.ts";

/** Who an agent-assist key belongs to and which campaigns it may stream. */
export interface LivePrincipal {
  subcontractorId: string;
  campaigns: readonly string[];
}

/** Checks an agent-assist key; the access-control work plugs the real key store in here. */
export type Authenticate = (token: string) => LivePrincipal | null | Promise<LivePrincipal | null>;

/** Reads a bearer token from an Authorization header value. */
export function bearerToken(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

/** A key may stream a campaign only when it lists it and the campaign is its own subcontractor's. */
export function mayStream(principal: LivePrincipal, campaign: Campaign): boolean {
  return principal.campaigns.includes(campaign.id) && campaign.subcontractorId === principal.subcontractorId;
}
