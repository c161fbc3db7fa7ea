import type { CompiledCue, CompiledPattern, EntitySlot, PatternPart } from "./cues.ts";
import type { Token } from "./text/normalize.ts";
import { nameSimilarity } from "./text/similarity.ts";

/** A configured name (brand, call centre, data source) in the form the matcher compares. */
export interface NameEntry {
  display: string;
  /** Normalized words joined without spaces, so "Fibre Alis" and "Fibralis" compare whole. */
  joined: string;
  wordCount: number;
}

export interface MatchContext {
  names: Record<EntitySlot, NameEntry[]>;
  numberWords: ReadonlySet<string>;
  /** Lowest similarity at which a heard word sequence counts as a configured name. */
  minNameSimilarity: number;
}

export interface PatternMatch {
  startToken: number;
  endToken: number;
  score: number;
}

export interface CueMatch extends PatternMatch {
  cue: string;
}

function bestNameScore(tokens: Token[], from: number, length: number, entries: NameEntry[], ctx: MatchContext): number {
  const heard = tokens
    .slice(from, from + length)
    .map((t) => t.norm)
    .join("");
  let best = 0;
  for (const entry of entries) {
    const score = nameSimilarity(heard, entry.joined);
    if (score > best) best = score;
  }
  return best >= ctx.minNameSimilarity ? best : 0;
}

function wordMatches(part: Extract<PatternPart, { kind: "word" }>, token: Token): boolean {
  return part.alternatives.some((alt) =>
    alt.prefix !== undefined ? token.norm.startsWith(alt.prefix) : token.stem === alt.stem,
  );
}

/** Best completion of `parts[partIndex..]` starting at token `at`: the end token and score, or null. */
function matchFrom(
  parts: PatternPart[],
  partIndex: number,
  tokens: Token[],
  at: number,
  ctx: MatchContext,
): { end: number; score: number } | null {
  if (partIndex === parts.length) return { end: at, score: 1 };
  const part = parts[partIndex]!;
  let best: { end: number; score: number } | null = null;
  const consider = (next: number, factor: number) => {
    const rest = matchFrom(parts, partIndex + 1, tokens, next, ctx);
    if (rest && (!best || rest.score * factor > best.score)) best = { end: rest.end, score: rest.score * factor };
  };
  switch (part.kind) {
    case "word":
      if (at < tokens.length && wordMatches(part, tokens[at]!)) consider(at + 1, 1);
      if (part.optional) consider(at, 1);
      break;
    case "gap":
      for (let skip = 0; skip <= part.max && at + skip <= tokens.length; skip++) consider(at + skip, 1);
      break;
    case "slot":
      if (part.slot === "number") {
        const token = tokens[at];
        if (token && (/^\d+$/.test(token.norm) || ctx.numberWords.has(token.norm))) consider(at + 1, 1);
        break;
      }
      {
        const entries = ctx.names[part.slot];
        const longest = Math.max(0, ...entries.map((e) => e.wordCount)) + 1;
        for (let length = 1; length <= longest && at + length <= tokens.length; length++) {
          const score = bestNameScore(tokens, at, length, entries, ctx);
          if (score > 0) consider(at + length, score);
        }
      }
      break;
  }
  return best;
}

export function matchPattern(pattern: CompiledPattern, tokens: Token[], ctx: MatchContext): PatternMatch | null {
  let best: PatternMatch | null = null;
  for (const parts of pattern.variants) {
    for (let start = 0; start < tokens.length; start++) {
      const found = matchFrom(parts, 0, tokens, start, ctx);
      if (found && found.end > start && (!best || found.score > best.score)) {
        best = { startToken: start, endToken: found.end, score: found.score };
        if (found.score === 1) return best;
      }
    }
  }
  return best;
}

export function matchCue(cue: CompiledCue, tokens: Token[], ctx: MatchContext): CueMatch | null {
  if (cue.onlyWithoutNames && ctx.names.org.length > 0) return null;
  let start = Infinity;
  let end = 0;
  let score = 1;
  const matched: string[] = [];
  const take = (pattern: CompiledPattern, m: PatternMatch) => {
    start = Math.min(start, m.startToken);
    end = Math.max(end, m.endToken);
    score = Math.min(score, m.score);
    matched.push(pattern.source);
  };
  for (const pattern of cue.all) {
    const m = matchPattern(pattern, tokens, ctx);
    if (!m) return null;
    take(pattern, m);
  }
  if (cue.any.length > 0) {
    const hit = cue.any.map((pattern) => ({ pattern, m: matchPattern(pattern, tokens, ctx) })).find((h) => h.m !== null);
    if (!hit?.m) return null;
    take(hit.pattern, hit.m);
  }
  if (cue.none.some((p) => matchPattern(p, tokens, ctx) !== null)) return null;
  // The evidence names the patterns that matched, not the whole cue with its alternatives.
  return { startToken: start, endToken: end, score, cue: matched.join(" + ") };
}
