const PARIS_DATE = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });

/**
 * The calendar date of a call in Europe/Paris time (YYYY-MM-DD), the date that legal regimes
 * switch on. A timestamp with an offset or "Z" is converted; one without is already Paris time.
 */
export function parisDate(calledAt: string): string | null {
  const trimmed = calledAt.trim();
  const hasOffset = /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(trimmed);
  if (!hasOffset) {
    const m = /^(\d{4}-\d{2}-\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(trimmed);
    return m && !Number.isNaN(Date.parse(m[1]!)) ? m[1]! : null;
  }
  const instant = new Date(trimmed);
  if (Number.isNaN(instant.getTime())) return null;
  return PARIS_DATE.format(instant);
}
