import type { CallVerdict, ElementFinding } from "./types.ts";

const FAILING = new Set(["missing", "late", "violated"]);

/** The call verdict from its element findings (DESIGN.md, Vocabulary). */
export function decideVerdict(hasPitch: boolean, findings: ElementFinding[], minConfidence: number): CallVerdict {
  const failing = findings.filter((f) => FAILING.has(f.status));
  const sure = failing.filter((f) => f.confidence >= minConfidence);
  if (!hasPitch) return sure.length > 0 ? "non_compliant" : "not_applicable";
  if (sure.length > 0) return "non_compliant";
  if (failing.length > 0 || findings.some((f) => f.status === "undeterminable")) return "needs_review";
  return "compliant";
}
