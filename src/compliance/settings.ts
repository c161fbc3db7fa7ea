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
  const settings: CallSettings = { ...DEFAULT_SETTINGS, ...stripUndefined(partial) };
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

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
