import type { Language, Transcript } from "../transcript/types.ts";
import type { RulePack } from "./rule-pack.ts";
import { normalizeWords } from "./text/normalize.ts";

/** Picks the pack language whose function words are most frequent in the transcript (French on a tie). */
export function detectLanguage(transcript: Transcript, pack: RulePack): Language {
  const words = transcript.utterances.flatMap((u) => normalizeWords(u.text));
  let best: Language = "fr";
  let bestCount = -1;
  for (const language of Object.keys(pack.lexicons) as Language[]) {
    const markers = pack.lexicons[language].languageMarkers;
    const count = words.filter((w) => markers.has(w)).length;
    if (count > bestCount) {
      best = language;
      bestCount = count;
    }
  }
  return best;
}
