import { readFileSync } from "node:fs";

/** A piece of decoded text with the probabilities of its tokens. */
export interface HeardPiece {
  text: string;
  probabilities: number[];
}

const KNOWN: ReadonlySet<string> = new Set(
  (JSON.parse(readFileSync(new URL("./hallucinations.json", import.meta.url), "utf8")) as { phrases: string[] }).phrases.map(normalize),
);

function normalize(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}'.-]+/gu, " ").replace(/[.]+(\s|$)/g, "$1").trim();
}

/** Text with a phrase looping three or more times in a row ("je vous je vous je vous") written once. */
export function collapseLoops(text: string): string {
  const words = text.split(/\s+/).filter(Boolean);
  const key = (w: string) => normalize(w);
  for (let size = 1; size <= 8; size++) {
    for (let i = 0; i + size * 3 <= words.length; i++) {
      let repeats = 1;
      while (
        i + (repeats + 1) * size <= words.length &&
        words.slice(i + repeats * size, i + (repeats + 1) * size).every((w, k) => key(w) === key(words[i + k]!))
      ) {
        repeats++;
      }
      if (repeats >= 3) words.splice(i + size, (repeats - 1) * size);
    }
  }
  return words.join(" ");
}

/**
 * Removes what whisper invents rather than hears: stock subtitle phrases, the same segment again
 * and again (seen on a test call: one sentence six times over a channel's silence), and loops
 * inside a segment. Pieces are in time order within one speech region.
 */
export function dropHallucinations(pieces: HeardPiece[]): HeardPiece[] {
  const kept: HeardPiece[] = [];
  for (const piece of pieces) {
    const text = collapseLoops(piece.text.trim());
    const norm = normalize(text);
    if (norm === "" || KNOWN.has(norm)) continue;
    if (kept.some((k) => normalize(k.text) === norm)) continue;
    kept.push({ ...piece, text });
  }
  return kept;
}
