import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getCall } from "../../src/store/calls.ts";
import { COMPLIANT_FR } from "../server/fixtures.ts";
import { api, createFibralisCampaign, startTestService, uploadTranscript, waitForCall, type TestService } from "../server/harness.ts";
import { openWorld, type PrivacyWorld } from "./world.ts";

const WITH_NUMBERS = COMPLIANT_FR.map((u, i) =>
  i === 5 ? { ...u, text: "D'accord, mon numéro c'est le zéro six douze trente-quatre cinquante-six soixante-dix-huit, et ma carte 4111 1111 1111 1111." } : u,
);

describe("what is stored", () => {
  let w: PrivacyWorld;
  beforeEach(async () => {
    w = await openWorld();
  });
  afterEach(() => w.close());

  it("keeps transcripts and evidence redacted once analyzed, with the verdict the whole text gave", async () => {
    const id = await w.addCall(new Date("2026-09-14T10:00:00Z"), { utterances: WITH_NUMBERS });
    const rows = await w.db.selectFrom("utterances").select("text").where("call_id", "=", id).orderBy("idx").execute();
    expect(rows[5]!.text).toBe("D'accord, mon numéro c'est le [PHONE], et ma carte [CARD].");
    const everything = JSON.stringify(await w.db.selectFrom("element_findings").selectAll().execute()) + JSON.stringify(rows);
    expect(everything).not.toMatch(/4111|trente-quatre/);
    expect((await getCall(w.db, id)).verdict).toBe("compliant");
  });
});

describe("what is returned", () => {
  let s: TestService;
  beforeAll(async () => {
    s = await startTestService();
  });
  afterAll(() => s.stop());

  it("redacts a transcript in every answer, before and after its analysis", async () => {
    const { campaignId } = await createFibralisCampaign(s.url, s.adminKey);
    const id = await uploadTranscript(s.url, s.adminKey, campaignId, WITH_NUMBERS);
    const early = await api(`${s.url}/calls/${id}`, "GET", undefined, s.adminKey);
    expect(JSON.stringify(early.body)).not.toContain("4111");
    const call = await waitForCall(s.url, s.adminKey, id);
    expect(call.verdict).toBe("compliant");
    expect(call.utterances[5].text).toContain("[PHONE]");
    expect(JSON.stringify(call)).not.toMatch(/4111|soixante-dix-huit/);
  });
});
