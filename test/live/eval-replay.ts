// The labelled dev transcripts, as live utterance messages and as the batch engine sees them.
import type { CampaignSettings } from "../../src/store/catalog.ts";
import { readEvalSplit, type EvalCase } from "../eval/eval-case.ts";

/**
 * The dev calls the live protocol can carry: an agent-assist client knows who speaks, so an
 * utterance is the agent's or the customer's. Calls with an "unknown" speaker stay batch-only.
 */
export function devCases(): EvalCase[] {
  return readEvalSplit("dev")
    .map((file) => file.json as EvalCase)
    .filter((c) => c.utterances.every((u) => u.speaker === "agent" || u.speaker === "customer"));
}

export function campaignSettingsOf(c: EvalCase): CampaignSettings {
  const { brands, callCentres, dataSources, recorded, leadOrigin } = c.settings;
  return { brands, callCentres, dataSources, recorded, leadOrigin };
}

export function utteranceMessages(c: EvalCase) {
  return c.utterances.map((u, i) => ({
    type: "utterance",
    seq: i + 1,
    speaker: u.speaker as "agent" | "customer",
    text: u.text,
    start: u.start,
    end: u.end,
    final: true,
  }));
}
