import { AppError } from "../errors.ts";
import { parisDate } from "./call-date.ts";
import type { CallSettings } from "./types.ts";

export const DEFAULT_SETTINGS: CallSettings = {
  language: "auto",
  brands: [],
  callCentres: [],
  dataSources: [],
  recorded: true,
  leadOrigin: "third_party",
  pitchMode: "strict",
};

/** Fills defaults and rejects settings the engine could not apply faithfully. */
export function resolveSettings(partial: Partial<CallSettings>): CallSettings {
  const given = <K extends keyof CallSettings>(key: K): CallSettings[K] => (partial[key] !== undefined ? partial[key] : DEFAULT_SETTINGS[key]) as CallSettings[K];
  // Every field named, not spread: a spread gives each call's settings an object shape of its
  // own, and every read of them in the engine then misses V8's inline caches.
  const settings: CallSettings = {
    language: given("language"),
    brands: given("brands"),
    callCentres: given("callCentres"),
    dataSources: given("dataSources"),
    calledAt: given("calledAt"),
    recorded: given("recorded"),
    leadOrigin: given("leadOrigin"),
    pitchMode: given("pitchMode"),
  };
  if (!["fr", "en", "auto"].includes(settings.language)) throw new AppError("SETTINGS_INVALID", `language must be fr, en or auto, not "${settings.language}"`);
  if (settings.calledAt !== undefined && parisDate(settings.calledAt) === null) {
    throw new AppError("SETTINGS_INVALID", `calledAt "${settings.calledAt}" is not an ISO date`);
  }
  if (!["third_party", "own_customers"].includes(settings.leadOrigin)) throw new AppError("SETTINGS_INVALID", `leadOrigin must be third_party or own_customers`);
  if (!["strict", "hard_only"].includes(settings.pitchMode)) throw new AppError("SETTINGS_INVALID", `pitchMode must be strict or hard_only`);
  for (const key of ["brands", "callCentres", "dataSources"] as const) {
    if (!Array.isArray(settings[key]) || settings[key].some((n) => typeof n !== "string")) {
      throw new AppError("SETTINGS_INVALID", `${key} must be a list of names`);
    }
  }
  return settings;
}
