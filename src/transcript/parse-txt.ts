import { AppError } from "../errors.ts";
import type { Speaker, Transcript, Utterance } from "./types.ts";

const LINE = /^\s*(?:\[)?(\d{1,2}):(\d{2})(?::(\d{2}(?:[.,]\d+)?))?(?:\])?\s+(agent|customer|unknown|client|conseiller|prospect)\s*:\s*(.*)$/i;

const ROLE_WORDS: Record<string, Speaker> = {
  agent: "agent",
  conseiller: "agent",
  customer: "customer",
  client: "customer",
  prospect: "customer",
  unknown: "unknown",
};

function seconds(a: string, b: string, c: string | undefined): number {
  // "MM:SS" or "HH:MM:SS"
  return c === undefined ? Number(a) * 60 + Number(b) : Number(a) * 3600 + Number(b) * 60 + Number(c.replace(",", "."));
}

/**
 * Parses `HH:MM:SS speaker: text` lines. An utterance ends where the next begins; the last one
 * is given an end from its length at a speaking rate of ~2.5 words per second.
 */
export function parseTranscriptTxt(text: string): Transcript {
  const rows: Array<{ start: number; speaker: Speaker; text: string }> = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "" || line.trim().startsWith("#")) return;
    const m = LINE.exec(line);
    if (!m) throw new AppError("TRANSCRIPT_INVALID", `line ${i + 1} is not "HH:MM:SS agent|customer: text"`);
    const start = seconds(m[1]!, m[2]!, m[3]);
    const previous = rows.at(-1);
    if (previous && start < previous.start) throw new AppError("TRANSCRIPT_INVALID", `line ${i + 1} goes back in time`);
    rows.push({ start, speaker: ROLE_WORDS[m[4]!.toLowerCase()]!, text: m[5]!.trim() });
  });
  if (rows.length === 0) throw new AppError("INPUT_EMPTY", "the transcript has no utterances");
  const utterances: Utterance[] = rows.map((row, i) => {
    const next = rows[i + 1];
    const spoken = row.text.split(/\s+/).length / 2.5;
    return { ...row, end: next ? Math.max(row.start, next.start) : row.start + Math.max(1, spoken) };
  });
  return { utterances, origin: "transcript" };
}
