import type { RulePack } from "../compliance/rule-pack.ts";
import type { Language } from "../transcript/types.ts";
import type { CallReport } from "./call-report.ts";

const STATUS_MARK: Record<string, string> = {
  present: "ok",
  late: "LATE",
  missing: "MISSING",
  violated: "VIOLATED",
  undeterminable: "?",
  not_applicable: "n/a",
};

function clock(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return `${String(Math.floor(s / 60)).padStart(2, "0")}:${String(s % 60).padStart(2, "0")}`;
}

function clip(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

/** A readable block per call: verdict, pitch onset, then one row per element with its evidence. */
export function formatCallTable(report: CallReport, pack: RulePack, scriptMode: boolean): string {
  if (report.error) return `${report.file}\n  ERROR ${report.error.code}: ${report.error.message}\n`;
  const language: Language = report.language ?? "en";
  const at = (t: number) => (scriptMode ? `line ${Math.floor(t) + 1}` : clock(t));
  const lines = [`${report.file ?? ""}`, `  verdict: ${report.verdict}   (rule pack ${report.rulePack?.id}@${report.rulePack?.version}${report.model ? `, model ${report.model}` : ""})`];
  lines.push(report.pitchOnset ? `  pitch onset: ${at(report.pitchOnset.start)} (${report.pitchOnset.kind}) "${clip(report.pitchOnset.text, 70)}"` : "  pitch onset: none");
  const labelWidth = Math.max(...pack.elements.map((e) => e.label[language].length));
  for (const e of report.elements ?? []) {
    const label = pack.elements.find((r) => r.id === e.id)?.label[language] ?? e.id;
    let detail = "";
    if (e.text !== undefined && e.start !== undefined) detail = `${at(e.start)} "${clip(e.text, 60)}"`;
    if (e.status === "missing") detail = `due by ${at(e.dueBy ?? 0)}`;
    if (e.status === "late") detail = `${detail} (due by ${at(e.dueBy ?? 0)})`;
    if (e.status === "not_applicable" || e.status === "undeterminable") detail = e.reason ?? "";
    lines.push(`  ${(STATUS_MARK[e.status] ?? e.status).padEnd(9)} ${label.padEnd(labelWidth)}  ${detail}`.trimEnd());
  }
  for (const o of report.objections ?? []) {
    lines.push(`  objection at ${at(o.start)}: "${clip(o.text, 50)}" -> ${o.honored ? "honoured" : `ignored: "${clip(o.continuedWith?.text ?? "", 50)}"`}`);
  }
  return `${lines.join("\n")}\n`;
}
