import { resolveSettings } from "../compliance/settings.ts";
import type { CallSettings } from "../compliance/types.ts";
import type { Campaign } from "../store/catalog.ts";

/**
 * The settings one call is analyzed with: the campaign's, its language, the call's own date, and
 * the campaign's brand and call-centre names when the campaign does not list them itself.
 */
export function callSettingsFor(campaign: Campaign, calledAt: string | null): CallSettings {
  const { brands, callCentres, ...rest } = campaign.settings;
  return resolveSettings({
    ...rest,
    language: campaign.language,
    brands: brands && brands.length > 0 ? brands : [campaign.brandName],
    callCentres: callCentres && callCentres.length > 0 ? callCentres : [campaign.subcontractorName],
    ...(calledAt ? { calledAt } : {}),
  });
}
