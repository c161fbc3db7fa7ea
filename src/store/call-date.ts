import { AppError } from "../errors.ts";

const HAS_OFFSET = /(Z|[+-]\d{2}:?\d{2})$/i;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?)?$/;

/** Offset of a time zone from UTC at an instant, in minutes (Intl knows the DST rules). */
function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second"));
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

/**
 * The instant of a call date as UTC ISO, for sorting and date filters. A date without offset is
 * local time in `timeZone` (Europe/Paris by default, as the Vocabulary says).
 */
export function callDateToUtc(calledAt: string, timeZone = "Europe/Paris"): string {
  const text = calledAt.trim();
  if (HAS_OFFSET.test(text)) {
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) throw new AppError("USAGE", `invalid calledAt "${calledAt}"`);
    return date.toISOString();
  }
  if (!LOCAL_DATE_TIME.test(text)) throw new AppError("USAGE", `invalid calledAt "${calledAt}"`);
  const asUtc = new Date(`${text.length === 10 ? `${text}T00:00` : text.replace(" ", "T")}Z`);
  if (Number.isNaN(asUtc.getTime())) throw new AppError("USAGE", `invalid calledAt "${calledAt}"`);
  // Two passes: the offset at the guessed instant can differ from the one at the true instant around a DST change.
  const first = asUtc.getTime() - zoneOffsetMinutes(asUtc, timeZone) * 60_000;
  const second = asUtc.getTime() - zoneOffsetMinutes(new Date(first), timeZone) * 60_000;
  return new Date(second).toISOString();
}
