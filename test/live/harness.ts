// A real fastify instance with the live plugin on 127.0.0.1:0, a real store in a temp
// directory, keys in an in-memory map, and a WebSocket client that collects server messages.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Fastify, { type FastifyInstance } from "fastify";
import WebSocket from "ws";
import { loadRulePack, type RulePack } from "../../src/compliance/rule-pack.ts";
import type { LivePrincipal } from "../../src/live/auth.ts";
import { liveRoutes, type LivePluginOptions } from "../../src/live/plugin.ts";
import { AudioStore } from "../../src/store/audio-store.ts";
import { getCall, type CallDetail } from "../../src/store/calls.ts";
import { createBrand, createCampaign, createSubcontractor, type CampaignSettings } from "../../src/store/catalog.ts";
import { openDatabase, type Db } from "../../src/store/database.ts";
import type { Language } from "../../src/transcript/types.ts";

/** The test server's key for called-number hashes. */
export const LIVE_NUMBER_HASH_KEY = "live-test-number-hash-key";

export interface LiveTestServer {
  app: FastifyInstance;
  url: string;
  db: Db;
  audioStore: AudioStore;
  pack: RulePack;
  keys: Map<string, LivePrincipal>;
  subcontractors: { a: string; b: string };
  brandId: string;
  /** Creates a campaign of subcontractor a (or b) and lets `key` stream it. */
  addCampaign(key: string, settings: CampaignSettings, language: Language | "auto", owner?: "a" | "b", keepLiveAudio?: boolean): Promise<string>;
  /** The first call stored for a campaign, once a session has stored it (a client that vanished gets no `closed`). */
  storedCallOf(campaign: string, timeoutMs?: number): Promise<CallDetail>;
  stop(): Promise<void>;
}

export async function startLiveServer(options: Partial<Omit<LivePluginOptions, "db" | "audioStore" | "rulePack" | "authenticate">> = {}): Promise<LiveTestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "live-test-"));
  const db = await openDatabase(dir);
  const audioStore = new AudioStore(dir);
  const pack = loadRulePack();
  const keys = new Map<string, LivePrincipal>();
  const brand = await createBrand(db, "Fibralis");
  const a = await createSubcontractor(db, "Axiome Contact");
  const b = await createSubcontractor(db, "Other Calls");
  keys.set("key-a", { subcontractorId: a.id, campaigns: [] });
  keys.set("key-b", { subcontractorId: b.id, campaigns: [] });
  const app = Fastify({ logger: false });
  await app.register(liveRoutes, { db, audioStore, rulePack: () => pack, authenticate: (token) => keys.get(token) ?? null, numberHashKey: LIVE_NUMBER_HASH_KEY, ...options });
  const url = (await app.listen({ host: "127.0.0.1", port: 0 })).replace(/^http/, "ws") + "/live";
  let n = 0;
  return {
    app,
    url,
    db,
    audioStore,
    pack,
    keys,
    subcontractors: { a: a.id, b: b.id },
    brandId: brand.id,
    async addCampaign(key, settings, language, owner = "a", keepLiveAudio = false) {
      const campaign = await createCampaign(db, { name: `c${++n}`, brandId: brand.id, subcontractorId: owner === "a" ? a.id : b.id, language, settings, keepLiveAudio });
      const principal = keys.get(key)!;
      keys.set(key, { ...principal, campaigns: [...principal.campaigns, campaign.id] });
      return campaign.id;
    },
    async storedCallOf(campaign, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const row = await db.selectFrom("calls").select("id").where("campaign_id", "=", campaign).executeTakeFirst();
        if (row) return getCall(db, row.id);
        if (Date.now() > deadline) throw new Error(`no call stored for campaign ${campaign}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async stop() {
      await app.close();
      await db.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

// Loose view of a server message for assertions.
export type Msg = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A live client: every server message is kept, with the time it arrived (performance.now()). */
export class LiveClient {
  readonly socket: WebSocket;
  readonly messages: Array<{ at: number; msg: Msg }> = [];
  closeCode: number | null = null;
  readonly #waiters: Array<() => void> = [];

  private constructor(socket: WebSocket) {
    this.socket = socket;
    socket.on("message", (data) => {
      this.messages.push({ at: performance.now(), msg: JSON.parse(data.toString()) as Msg });
      for (const wake of this.#waiters.splice(0)) wake();
    });
    socket.on("close", (code) => {
      this.closeCode = code;
      for (const wake of this.#waiters.splice(0)) wake();
    });
  }

  static connect(url: string, headers: Record<string, string> = {}): Promise<LiveClient> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(url, { headers });
      const client = new LiveClient(socket);
      socket.once("open", () => resolve(client));
      socket.once("error", reject);
    });
  }

  send(message: unknown): void {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  of(type: string): Msg[] {
    return this.messages.filter((m) => m.msg.type === type).map((m) => m.msg);
  }

  /** Waits for the first message (from index `from` on) that matches, or fails after `timeoutMs`. */
  async waitFor(match: (msg: Msg) => boolean, timeoutMs = 5000, from = 0): Promise<{ at: number; msg: Msg }> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.messages.slice(from).find((m) => match(m.msg));
      if (found) return found;
      const left = deadline - performance.now();
      if (left <= 0 || this.closeCode !== null) {
        throw new Error(`no matching message (closed: ${this.closeCode}); got ${JSON.stringify(this.messages.map((m) => m.msg.type))}`);
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitType(type: string, timeoutMs?: number): Promise<Msg> {
    return this.waitFor((m) => m.type === type, timeoutMs).then((m) => m.msg);
  }

  waitClosed(timeoutMs = 5000): Promise<number> {
    if (this.closeCode !== null) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("socket not closed")), timeoutMs);
      this.socket.once("close", (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }
}
