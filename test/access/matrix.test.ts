import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { verifyApiKey } from "../../src/access/keys.ts";
import { ROUTE_ACCESS } from "../../src/access/policy.ts";
import { COMPLIANT_FR } from "../server/fixtures.ts";
import { api } from "../server/harness.ts";
import { CALLED_NUMBER_A, startAccessWorld, statusOf, type AccessWorld } from "./setup.ts";

let w: AccessWorld;
beforeAll(async () => {
  w = await startAccessWorld();
}, 60_000);
afterAll(() => w.stop());

type Who = "none" | "badKey" | "revoked" | "admin" | "controller" | "supervisor" | "agent";
const WHO: Who[] = ["none", "badKey", "revoked", "admin", "controller", "supervisor", "agent"];
/** What a caller gets: 2xx, or an error status. */
type Outcome = "ok" | 401 | 403 | 404;

interface Case {
  /** Builds the request for a caller of tenant A (may prepare what the route needs first). */
  request: (w: AccessWorld, n: number) => Promise<{ path: string; body?: unknown }> | { path: string; body?: unknown };
  /** Outcome per role for tenant A's own data. Anonymous, malformed and revoked keys: 401 unless the route is public. */
  allowed: Partial<Record<"admin" | "controller" | "supervisor" | "agent", Outcome>>;
  public?: true;
}

const STAFF = { admin: "ok", controller: "ok", supervisor: "ok", agent: 403 } as const;
const ADMIN_ONLY = { admin: "ok", controller: 403, supervisor: 403, agent: 403 } as const;
const BRAND_STAFF = { admin: "ok", controller: "ok", supervisor: 403, agent: 403 } as const;

/** The access matrix: every route of the API, by "METHOD url" as fastify registers it. */
const MATRIX: Record<string, Case> = {
  "GET /health": { public: true, request: () => ({ path: "/health" }), allowed: {} },
  "GET /openapi.json": { public: true, request: () => ({ path: "/openapi.json" }), allowed: {} },
  "POST /brands": { request: (_w, n) => ({ path: "/brands", body: { name: `Brand n${n}` } }), allowed: ADMIN_ONLY },
  "GET /brands": { request: () => ({ path: "/brands" }), allowed: STAFF },
  "POST /subcontractors": { request: (_w, n) => ({ path: "/subcontractors", body: { name: `Centre n${n}` } }), allowed: ADMIN_ONLY },
  "GET /subcontractors": { request: () => ({ path: "/subcontractors" }), allowed: STAFF },
  "POST /campaigns": {
    request: (w, n) => ({ path: "/campaigns", body: { name: `c${n}`, brandId: w.a.brandId, subcontractorId: w.a.subcontractorId } }),
    allowed: ADMIN_ONLY,
  },
  "GET /campaigns": { request: () => ({ path: "/campaigns" }), allowed: { ...STAFF, agent: "ok" } },
  "GET /campaigns/:id": { request: (w) => ({ path: `/campaigns/${w.a.campaignId}` }), allowed: { ...STAFF, agent: "ok" } },
  "PATCH /campaigns/:id": { request: (w) => ({ path: `/campaigns/${w.a.campaignId}`, body: { keepLiveAudio: false } }), allowed: ADMIN_ONLY },
  "POST /campaigns/:id/reanalyze": { request: (w) => ({ path: `/campaigns/${w.a.campaignId}/reanalyze` }), allowed: BRAND_STAFF },
  "POST /calls": {
    request: (w) => ({ path: "/calls", body: { campaignId: w.a.campaignId, transcript: { utterances: COMPLIANT_FR } } }),
    allowed: { admin: "ok", controller: 403, supervisor: "ok", agent: 403 },
  },
  "GET /calls": { request: () => ({ path: "/calls" }), allowed: STAFF },
  "GET /calls/:id": { request: (w) => ({ path: `/calls/${w.a.transcriptCallId}` }), allowed: STAFF },
  "GET /calls/:id/audio": { request: (w) => ({ path: `/calls/${w.a.audioCallId}/audio` }), allowed: STAFF },
  "GET /calls/:id/events": { request: (w) => ({ path: `/calls/${w.a.transcriptCallId}/events` }), allowed: STAFF },
  "POST /scripts": { request: (w) => ({ path: "/scripts", body: { text: "Bonjour, offre fibre à 20 euros.", campaignId: w.a.campaignId } }), allowed: STAFF },
  "GET /reports/subcontractors": { request: () => ({ path: "/reports/subcontractors" }), allowed: STAFF },
  "POST /keys": { request: (_w, n) => ({ path: "/keys", body: { name: `k${n}`, role: "admin" } }), allowed: ADMIN_ONLY },
  "GET /keys": { request: () => ({ path: "/keys" }), allowed: ADMIN_ONLY },
  "DELETE /keys/:id": {
    request: async (w, n) => ({ path: `/keys/${(await w.newKey({ name: `throwaway ${n}`, role: "admin" })).id}` }),
    allowed: ADMIN_ONLY,
  },
  "GET /access-log": { request: () => ({ path: "/access-log" }), allowed: ADMIN_ONLY },
  "POST /data-subjects/export": { request: () => ({ path: "/data-subjects/export", body: { calledNumber: "07 00 00 00 00" } }), allowed: BRAND_STAFF },
  "POST /data-subjects/erase": { request: () => ({ path: "/data-subjects/erase", body: { calledNumber: "07 00 00 00 00" } }), allowed: BRAND_STAFF },
  "PUT /brands/:id/webhook": { request: (w) => ({ path: `/brands/${w.a.brandId}/webhook`, body: { url: "http://127.0.0.1:9/hook" } }), allowed: BRAND_STAFF },
  "GET /brands/:id/webhook": {
    request: async (w) => {
      await api(`${w.url}/brands/${w.a.brandId}/webhook`, "PUT", { url: "http://127.0.0.1:9/hook" }, w.admin);
      return { path: `/brands/${w.a.brandId}/webhook` };
    },
    allowed: BRAND_STAFF,
  },
  "DELETE /brands/:id/webhook": {
    request: async (w) => {
      await api(`${w.url}/brands/${w.a.brandId}/webhook`, "PUT", { url: "http://127.0.0.1:9/hook" }, w.admin);
      return { path: `/brands/${w.a.brandId}/webhook` };
    },
    allowed: BRAND_STAFF,
  },
};

/** The live socket authenticates in its own handshake; it is covered below. */
const SOCKET_ROUTES = new Set(["GET /live"]);

function keyOf(who: Who): string | undefined {
  switch (who) {
    case "none":
      return undefined;
    case "badKey":
      return "cca_" + "x".repeat(43);
    case "revoked":
      return w.revoked;
    case "admin":
      return w.admin;
    case "controller":
      return w.a.keys.controller;
    case "supervisor":
      return w.a.keys.supervisor;
    case "agent":
      return w.a.keys.agent;
  }
}

function routes(): string[] {
  return [...new Set(w.app.accessRules.filter((r) => r.method !== "HEAD").map((r) => `${r.method} ${r.url}`))];
}

describe("the access matrix", () => {
  it("has an entry for every route of the server, and no entry for a route that does not exist", () => {
    const served = routes().filter((r) => !SOCKET_ROUTES.has(r));
    expect(served.filter((r) => !(r in MATRIX))).toEqual([]);
    expect(Object.keys(MATRIX).filter((r) => !served.includes(r))).toEqual([]);
    expect(Object.keys(ROUTE_ACCESS).filter((r) => !routes().includes(r))).toEqual([]);
  });

  it("answers every route for every role as the matrix says", async () => {
    const failures: string[] = [];
    let n = 0;
    for (const route of routes()) {
      if (SOCKET_ROUTES.has(route)) continue;
      const entry = MATRIX[route]!;
      const method = route.split(" ")[0]!;
      for (const who of WHO) {
        const expected: Outcome =
          entry.public === true ? "ok" : who === "none" || who === "badKey" || who === "revoked" ? 401 : entry.allowed[who]!;
        const { path, body } = await entry.request(w, ++n);
        const status = await statusOf(w.url + path, method, body, keyOf(who));
        const got: Outcome | number = status >= 200 && status < 300 ? "ok" : status;
        if (got !== expected) failures.push(`${route} as ${who}: expected ${expected}, got ${status}`);
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);

  it("guards the HEAD twin of every GET route too", async () => {
    expect(await statusOf(`${w.url}/calls/${w.a.transcriptCallId}`, "HEAD", undefined, undefined)).toBe(401);
    expect(await statusOf(`${w.url}/calls`, "HEAD", undefined, w.a.keys.agent)).toBe(403);
  });

  it("answers 401 with a catalogue error and a WWW-Authenticate challenge", async () => {
    const res = await api(`${w.url}/calls`, "GET", undefined, undefined);
    expect(res).toMatchObject({ status: 401, body: { error: { code: "UNAUTHORIZED" } } });
    expect(res.headers.get("www-authenticate")).toContain("Bearer");
    const forbidden = await api(`${w.url}/keys`, "GET", undefined, w.a.keys.supervisor);
    expect(forbidden).toMatchObject({ status: 403, body: { error: { code: "FORBIDDEN" } } });
  });
});

describe("tenants", () => {
  const callPaths = (w: AccessWorld) => [
    `/calls/${w.a.transcriptCallId}`,
    `/calls/${w.a.audioCallId}/audio`,
    `/calls/${w.a.transcriptCallId}/events`,
    `/campaigns/${w.a.campaignId}`,
  ];

  it("answers 404 to another tenant's ids, exactly as to ids that do not exist", async () => {
    for (const key of [w.b.keys.supervisor, w.b.keys.controller]) {
      for (const path of callPaths(w)) {
        const res = await api(w.url + path, "GET", undefined, key);
        expect({ path, status: res.status, code: res.body?.error?.code }).toEqual({ path, status: 404, code: "NOT_FOUND" });
      }
    }
    const unknown = await api(`${w.url}/calls/00000000-0000-4000-8000-000000000000`, "GET", undefined, w.b.keys.supervisor);
    const foreign = await api(`${w.url}/calls/${w.a.transcriptCallId}`, "GET", undefined, w.b.keys.supervisor);
    expect(foreign.body.error.message.replace(w.a.transcriptCallId, "ID")).toBe(unknown.body.error.message.replace("00000000-0000-4000-8000-000000000000", "ID"));
    expect(await statusOf(`${w.url}/campaigns/${w.a.campaignId}/reanalyze`, "POST", undefined, w.b.keys.controller)).toBe(404);
    expect(await statusOf(`${w.url}/scripts`, "POST", { text: "Bonjour.", campaignId: w.a.campaignId }, w.b.keys.supervisor)).toBe(404);
    expect(await statusOf(`${w.url}/brands/${w.a.brandId}/webhook`, "PUT", { url: "http://127.0.0.1:9/x" }, w.b.keys.controller)).toBe(404);
  });

  it("refuses an upload into another subcontractor's campaign like an unknown campaign", async () => {
    const res = await api(`${w.url}/calls`, "POST", { campaignId: w.a.campaignId, transcript: { utterances: COMPLIANT_FR } }, w.b.keys.supervisor);
    expect(res).toMatchObject({ status: 422, body: { error: { code: "UNKNOWN_CAMPAIGN" } } });
  });

  it("lists, counts and reports only the caller's own calls, whatever the filters say", async () => {
    const own = await api(`${w.url}/calls?limit=500`, "GET", undefined, w.b.keys.supervisor);
    const campaigns = new Set(own.body.calls.map((c: { campaignId: string }) => c.campaignId));
    expect([...campaigns]).toEqual([w.b.campaignId]);
    const probing = await api(`${w.url}/calls?subcontractorId=${w.a.subcontractorId}&campaignId=${w.a.campaignId}`, "GET", undefined, w.b.keys.supervisor);
    expect(probing.body.calls).toEqual([]);
    const report = await api(`${w.url}/reports/subcontractors`, "GET", undefined, w.b.keys.controller);
    expect(report.body.subcontractors.map((s: { id: string }) => s.id).filter((id: string) => id !== w.b.subcontractorId)).toEqual([]);
    const brands = await api(`${w.url}/brands`, "GET", undefined, w.b.keys.supervisor);
    expect(brands.body.map((b: { id: string }) => b.id)).toEqual([w.b.brandId]);
    const exported = await api(`${w.url}/data-subjects/export`, "POST", { calledNumber: CALLED_NUMBER_A }, w.b.keys.controller);
    expect(exported.body.calls.map((c: { campaignId: string }) => c.campaignId)).toEqual([w.b.campaignId]);
  });

  it("gives calls random (version 4 UUID) ids that cannot be walked", async () => {
    for (const id of [w.a.transcriptCallId, w.a.audioCallId, w.b.transcriptCallId]) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });
});

describe("keys", () => {
  it("shows a new key once, lists it without the key, and refuses it from the request after its revocation", async () => {
    const created = await api(`${w.url}/keys`, "POST", { name: "ops", role: "supervisor", subcontractorId: w.a.subcontractorId }, w.admin);
    expect(created.status).toBe(201);
    expect(created.body.key).toMatch(/^cca_[A-Za-z0-9_-]{43}$/);
    const list = await api(`${w.url}/keys`, "GET", undefined, w.admin);
    expect(JSON.stringify(list.body)).not.toContain(created.body.key);
    expect(list.body.find((k: { id: string }) => k.id === created.body.id)).toMatchObject({ role: "supervisor", prefix: created.body.key.slice(0, 10) });
    expect(await statusOf(`${w.url}/calls`, "GET", undefined, created.body.key)).toBe(200);
    expect(await statusOf(`${w.url}/keys/${created.body.id}`, "DELETE", undefined, w.admin)).toBe(200);
    expect(await statusOf(`${w.url}/calls`, "GET", undefined, created.body.key)).toBe(401);
  });

  it("refuses keys without their tenant, or with a tenant that does not exist", async () => {
    expect(await api(`${w.url}/keys`, "POST", { name: "x", role: "controller" }, w.admin)).toMatchObject({ status: 400, body: { error: { code: "USAGE" } } });
    expect(await api(`${w.url}/keys`, "POST", { name: "x", role: "supervisor", subcontractorId: "nope" }, w.admin)).toMatchObject({ status: 404 });
    expect(await api(`${w.url}/keys`, "POST", { name: "x", role: "admin", brandId: w.a.brandId }, w.admin)).toMatchObject({ status: 400 });
  });

  it("stores only a keyed hash of each key", async () => {
    const rows = await w.deps.db.selectFrom("api_keys").selectAll().execute();
    const { key } = await w.newKey({ name: "check", role: "admin" });
    const all = JSON.stringify(await w.deps.db.selectFrom("api_keys").selectAll().execute());
    expect(all).not.toContain(key.slice(10));
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.key_hash))).toBe(true);
  });

  it("checks a key in well under a millisecond", async () => {
    const { key } = await w.newKey({ name: "timing", role: "admin" });
    const runs = 2000;
    const started = performance.now();
    for (let i = 0; i < runs; i++) await verifyApiKey(w.deps.db, w.deps.apiKeySecret, key);
    const perCheckUs = ((performance.now() - started) / runs) * 1000;
    console.info(`key check: ${perCheckUs.toFixed(1)} µs per request (HMAC-SHA256 + indexed lookup)`);
    expect(perCheckUs).toBeLessThan(1000);
  });
});

describe("access log", () => {
  it("records who read and who listened to which call, for admins to read", async () => {
    await api(`${w.url}/calls/${w.a.transcriptCallId}`, "GET", undefined, w.a.keys.supervisor);
    await fetch(`${w.url}/calls/${w.a.audioCallId}/audio`, { headers: { authorization: `Bearer ${w.a.keys.controller}` } }).then((r) => r.arrayBuffer());
    const keys = (await api(`${w.url}/keys`, "GET", undefined, w.admin)).body as Array<{ id: string; name: string }>;
    const id = (name: string) => keys.find((k) => k.name === name)!.id;
    const read = await api(`${w.url}/access-log?callId=${w.a.transcriptCallId}&keyId=${id("supervisor A")}`, "GET", undefined, w.admin);
    expect(read.body.entries[0]).toMatchObject({ callId: w.a.transcriptCallId, keyId: id("supervisor A"), action: "read" });
    const listened = await api(`${w.url}/access-log?callId=${w.a.audioCallId}&keyId=${id("controller A")}`, "GET", undefined, w.admin);
    expect(listened.body.entries[0]).toMatchObject({ action: "listen" });
    // A refused read leaves no entry: the log says who saw data, not who tried.
    await api(`${w.url}/calls/${w.a.transcriptCallId}`, "GET", undefined, w.b.keys.supervisor);
    const probe = await api(`${w.url}/access-log?keyId=${id("supervisor B")}&callId=${w.a.transcriptCallId}`, "GET", undefined, w.admin);
    expect(probe.body.entries).toEqual([]);
  });
});

describe("the live socket", () => {
  function open(key: string | undefined, campaign: string): Promise<{ type: string; code?: string }> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(w.url.replace(/^http/, "ws") + "/live");
      socket.once("error", reject);
      socket.once("open", () => socket.send(JSON.stringify({ type: "open", token: key, campaign, language: "fr" })));
      socket.once("message", (data) => {
        resolve(JSON.parse(data.toString()));
        socket.close();
      });
    });
  }

  it("opens a session for an agent-assist key on its own subcontractor's campaign only", async () => {
    expect((await open(w.a.keys.agent, w.a.campaignId)).type).toBe("opened");
    expect(await open(w.a.keys.agent, w.b.campaignId)).toMatchObject({ type: "error" });
    for (const key of [w.a.keys.supervisor, w.admin, w.revoked, undefined]) {
      expect(await open(key, w.a.campaignId)).toMatchObject({ type: "error", code: "UNAUTHORIZED" });
    }
  });
});
