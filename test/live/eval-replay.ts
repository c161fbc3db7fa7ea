// The labelled dev transcripts, as live utterance messages and as the batch engine sees them.
import type { CampaignSettings } from "../../src/store/catalog.ts";
import { readEvalSplit, type EvalCase } from "../eval/eval-case.ts";

export function devCases(): EvalCase[] {
  return readEvalSplit("dev").map((file) => file.json as EvalCase);
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
