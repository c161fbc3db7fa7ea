import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { retryDelay, setWebhook, signDelivery, WebhookDispatcher, type DispatcherOptions } from "../../src/privacy/webhooks.ts";
import { COMPLIANT_FR, NON_COMPLIANT_FR } from "../server/fixtures.ts";
import { api, createFibralisCampaign, startTestService, uploadTranscript } from "../server/harness.ts";
import { DAY, openWorld, type PrivacyWorld } from "./world.ts";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A real HTTP receiver on loopback that answers the statuses given, in turn, then 200. */
async function receiver(statuses: number[] = [], delayMs = 0) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      setTimeout(() => res.writeHead(statuses.shift() ?? 200).end(), delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const silent = pino({ level: "silent" });
const T0 = new Date("2026-10-01T09:00:00Z");

let w: PrivacyWorld;
beforeEach(async () => {
  w = await openWorld();
});
afterEach(() => w.close());

function dispatcher(clock: { now: number }, extra: Partial<DispatcherOptions> = {}) {
  return new WebhookDispatcher(w.db, { baseDelayMs: 1000, maxDelayMs: 60_000, maxAttempts: 5, timeoutMs: 2000, now: () => clock.now, ...extra }, silent);
}

async function outbox() {
  return w.db.selectFrom("webhook_outbox").selectAll().execute();
}

describe("webhooks for non-compliant calls", () => {
  it("queues one delivery per call that becomes non-compliant, in the analysis transaction, and none otherwise", async () => {
    await w.addCall(T0, { utterances: NON_COMPLIANT_FR });
    expect(await outbox()).toEqual([]); // no webhook set for the brand yet
    await setWebhook(w.db, w.brandId, "http://127.0.0.1:9/never");
    const id = await w.addCall(T0, { utterances: NON_COMPLIANT_FR, numberHash: "h".repeat(64) });
    await w.addCall(T0, { utterances: COMPLIANT_FR });
    const rows = await outbox();
    expect(rows).toHaveLength(1);
    const payload = JSON.parse(rows[0]!.payload);
    expect(payload).toMatchObject({ event: "call.non_compliant", callId: id, brandId: w.brandId, verdict: "non_compliant" });
    expect(payload.elements.length).toBeGreaterThan(0);
    // Minimal data: no transcript, no number.
    expect(rows[0]!.payload).not.toContain("Julie");
    expect(rows[0]!.payload).not.toContain("hhhh");
  });

  it("signs each delivery and retries with back-off through the outbox: a receiver failing twice gets it on the third try", async () => {
    const r = await receiver([500, 503]);
    try {
      const { secret } = await setWebhook(w.db, w.brandId, r.url);
      const callId = await w.addCall(T0, { utterances: NON_COMPLIANT_FR });
      const clock = { now: T0.getTime() };
      const d = dispatcher(clock);

      expect(await d.deliverDue()).toBe(1); // fails (500)
      expect(await d.deliverDue()).toBe(0); // not due before its back-off
      clock.now += retryDelay(1, { baseDelayMs: 1000, maxDelayMs: 60_000 });
      expect(await d.deliverDue()).toBe(1); // fails (503)
      clock.now += retryDelay(2, { baseDelayMs: 1000, maxDelayMs: 60_000 }) - 1;
      expect(await d.deliverDue()).toBe(0);
      clock.now += 1;
      expect(await d.deliverDue()).toBe(1); // delivered
      expect(await d.deliverDue()).toBe(0);

      expect(r.received).toHaveLength(3);
      const [row] = await outbox();
      expect(row).toMatchObject({ state: "delivered", attempts: 3, last_error: null });
      for (const got of r.received) {
        const timestamp = Number(got.headers["x-webhook-timestamp"]);
        const expected = `v1=${createHmac("sha256", secret).update(`${timestamp}.${got.body}`).digest("hex")}`;
        expect(got.headers["x-webhook-signature"]).toBe(expected);
        expect(got.headers["x-webhook-id"]).toBe(row!.id);
        expect(JSON.parse(got.body).callId).toBe(callId);
      }
      // A signature does not carry over to another body or time.
      expect(signDelivery(secret, 1, "{}")).not.toBe(signDelivery(secret, 2, "{}"));
    } finally {
      await r.close();
    }
  });

  it("counts a receiver that does not answer in time as a failure, and gives up after the last attempt", async () => {
    const r = await receiver([], 1000);
    try {
      await setWebhook(w.db, w.brandId, r.url);
      await w.addCall(T0, { utterances: NON_COMPLIANT_FR });
      const clock = { now: T0.getTime() };
      const d = dispatcher(clock, { timeoutMs: 100, maxAttempts: 2 });
      await d.deliverDue();
      clock.now += DAY;
      await d.deliverDue();
      const [row] = await outbox();
      expect(row).toMatchObject({ state: "failed", attempts: 2 });
      expect(row!.last_error).toMatch(/timeout|abort/i);
    } finally {
      await r.close();
    }
  });

  it("the service delivers in the background while jobs keep completing, the receiver down at first", async () => {
    const r = await receiver([502, 502]);
    const s = await startTestService({ WEBHOOK_POLL_MS: "20", WEBHOOK_RETRY_BASE_MS: "50" });
    try {
      const ids = await createFibralisCampaign(s.url, s.adminKey);
      const put = await api(`${s.url}/brands/${ids.brandId}/webhook`, "PUT", { url: r.url }, s.adminKey);
      expect(put.status).toBe(200);
      expect(put.body.secret).toMatch(/^whsec_/);
      expect((await api(`${s.url}/brands/${ids.brandId}/webhook`, "GET", undefined, s.adminKey)).body).toEqual({ url: r.url, createdAt: put.body.createdAt });
      const callId = await uploadTranscript(s.url, s.adminKey, ids.campaignId, NON_COMPLIANT_FR);
      const deadline = Date.now() + 10_000;
      while (!r.received.some((x) => JSON.parse(x.body).callId === callId) || r.received.length < 3) {
        if (Date.now() > deadline) throw new Error(`received ${r.received.length}`);
        await new Promise((res) => setTimeout(res, 20));
      }
      expect(r.received).toHaveLength(3);
      expect((await api(`${s.url}/calls/${callId}`, "GET", undefined, s.adminKey)).body.verdict).toBe("non_compliant");
    } finally {
      await s.stop();
      await r.close();
    }
  });
});
