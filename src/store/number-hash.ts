import { createHmac } from "node:crypto";
import { loadOrCreateSecret } from "./secrets.ts";

/**
 * Canonical form of a called number before hashing, so "06 12 34 56 78", "+33612345678" and
 * "0033 6 12 34 56 78" hash alike. A 10-digit national number starting with 0 is read in the
 * default country (France by default: the product's home market).
 */
export function normalizeNumber(raw: string, defaultCountryCode = "33"): string {
  const trimmed = raw.trim();
  const digits = trimmed.replace(/\D/g, "");
  if (trimmed.startsWith("+")) return `+${digits}`;
  if (digits.startsWith("00")) return `+${digits.slice(2)}`;
  if (digits.length === 10 && digits.startsWith("0")) return `+${defaultCountryCode}${digits.slice(1)}`;
  return digits;
}

/** Keyed hash of a called number: the same number always maps to the same value under one key, and the number cannot be recovered from it. */
export function hashNumber(raw: string, key: string): string {
  return createHmac("sha256", key).update(normalizeNumber(raw)).digest("hex");
}

/** The hash key of a data directory: the configured one, else one generated on first start and kept beside the data. */
export function loadOrCreateNumberHashKey(dataDir: string, configured?: string): string {
  return loadOrCreateSecret(dataDir, "number-hash", configured);
}
