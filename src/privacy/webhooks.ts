import { createHmac, randomBytes } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import { AppError } from "../errors.ts";
import type { Db } from "../store/database.ts";

export interface WebhookConfig {
  url: string;
  createdAt: string;
}

/** Accepts http(s) URLs only; the receiver is the brand's own system. */
function checkUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new AppError("USAGE", `not a URL: ${raw}`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new AppError("USAGE", "a webhook URL is http or https");
  if (url.username || url.password) throw new AppError("USAGE", "a webhook URL carries no credentials: deliveries are signed");
  return url.href;
}

/** Sets (or replaces) a brand's webhook; the signing secret is returned here only. */
export async function setWebhook(db: Db, brandId: string, rawUrl: string, now = new Date()): Promise<WebhookConfig & { secret: string }> {
  const url = checkUrl(rawUrl);
  const secret = `whsec_${randomBytes(32).toString("base64url")}`;
  const createdAt = now.toISOString();
  await db
    .insertInto("webhooks")
    .values({ brand_id: brandId, url, secret, created_at: createdAt })
    .onConflict((oc) => oc.column("brand_id").doUpdateSet({ url, secret, created_at: createdAt }))
    .execute();
  return { url, secret, createdAt };
}

export async function getWebhook(db: Db, brandId: string): Promise<WebhookConfig> {
  const row = await db.selectFrom("webhooks").select(["url", "created_at"]).where("brand_id", "=", brandId).executeTakeFirst();
  if (!row) throw new AppError("NOT_FOUND", `no webhook for brand ${brandId}`);
  return { url: row.url, createdAt: row.created_at };
}

/** Removes the webhook; deliveries still pending are dropped with it. */
export async function deleteWebhook(db: Db, brandId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const deleted = await trx.deleteFrom("webhooks").where("brand_id", "=", brandId).executeTakeFirst();
    if (Number(deleted.numDeletedRows) === 0) throw new AppError("NOT_FOUND", `no webhook for brand ${brandId}`);
    await trx.deleteFrom("webhook_outbox").where("brand_id", "=", brandId).where("state", "=", "pending").execute();
  });
}

export const SIGNATURE_HEADER = "x-webhook-signature";
export const TIMESTAMP_HEADER = "x-webhook-timestamp";
export const DELIVERY_HEADER = "x-webhook-id";

/**
 * The signature a receiver recomputes: HMAC-SHA256 of `<timestamp>.<body>` under the brand's
 * secret, hex, as `v1=<hex>`. The timestamp (Unix seconds) is signed with the body, so a
 * receiver that refuses old timestamps also refuses replays.
 */
export function signDelivery(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

export interface DispatcherOptions {
  /** How often the outbox is looked at. */
  pollMs: number;
  /** Delay before retry n is base * 2^(n-1), capped at maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** After this many failed attempts the delivery is marked failed. */
  maxAttempts: number;
  /** A receiver slower than this counts as failed. */
  timeoutMs: number;
  /** Clock (epoch ms); a parameter so tests can move time. */
  now?: () => number;
}

export const DEFAULT_DISPATCHER: Readonly<DispatcherOptions> = {
  pollMs: 5_000,
  baseDelayMs: 30_000,
  maxDelayMs: 3_600_000,
  maxAttempts: 12,
  timeoutMs: 10_000,
};

export function retryDelay(attempt: number, options: Pick<DispatcherOptions, "baseDelayMs" | "maxDelayMs">): number {
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * Sends the outbox's due deliveries. Each is claimed under a short lease first (several processes
 * may run a dispatcher over one database), posted with its signature, then marked delivered or
 * rescheduled with exponential back-off. Runs beside the job worker, never inside a job.
 */
export class WebhookDispatcher {
  readonly #db: Db;
  readonly #options: DispatcherOptions;
  readonly #log: Logger;
  readonly #now: () => number;
  #stopping = new AbortController();
  #loop: Promise<void> | null = null;

  constructor(db: Db, options: Partial<DispatcherOptions>, log: Logger) {
    this.#db = db;
    this.#options = { ...DEFAULT_DISPATCHER, ...options };
    this.#log = log.child({ component: "webhooks" });
    this.#now = options.now ?? Date.now;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  async stop(): Promise<void> {
    this.#stopping.abort();
    await this.#loop;
  }

  async #run(): Promise<void> {
    const signal = this.#stopping.signal;
    while (!signal.aborted) {
      try {
        await this.deliverDue();
      } catch (err) {
        this.#log.error({ err }, "webhook delivery round failed");
      }
      await sleep(this.#options.pollMs, undefined, { signal }).catch(() => undefined);
    }
  }

  /** One round: sends every delivery due now; returns how many were attempted. */
  async deliverDue(): Promise<number> {
    let attempted = 0;
    for (;;) {
      const claimed = await this.#claim();
      if (!claimed) return attempted;
      attempted++;
      await this.#deliver(claimed);
    }
  }

  async #claim() {
    const now = this.#now();
    return this.#db.transaction().execute(async (trx) => {
      const row = await trx
        .selectFrom("webhook_outbox")
        .innerJoin("webhooks", "webhooks.brand_id", "webhook_outbox.brand_id")
        .select(["webhook_outbox.id", "webhook_outbox.payload", "webhook_outbox.attempts", "webhooks.url", "webhooks.secret"])
        .where("webhook_outbox.state", "=", "pending")
        .where("webhook_outbox.next_attempt_at", "<=", now)
        .where((eb) => eb.or([eb("webhook_outbox.lease_expires_at", "is", null), eb("webhook_outbox.lease_expires_at", "<", now)]))
        .orderBy("webhook_outbox.next_attempt_at")
        .limit(1)
        .executeTakeFirst();
      if (!row) return null;
      const attempt = row.attempts + 1;
      await trx
        .updateTable("webhook_outbox")
        .set({ attempts: attempt, lease_expires_at: now + this.#options.timeoutMs * 2 })
        .where("id", "=", row.id)
        .execute();
      return { ...row, attempt };
    });
  }

  async #deliver(d: { id: string; payload: string; attempt: number; url: string; secret: string }): Promise<void> {
    const timestamp = Math.floor(this.#now() / 1000);
    let error: string | null = null;
    try {
      const res = await fetch(d.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signDelivery(d.secret, timestamp, d.payload),
          [DELIVERY_HEADER]: d.id,
        },
        body: d.payload,
        redirect: "error",
        signal: AbortSignal.timeout(this.#options.timeoutMs),
      });
      await res.body?.cancel();
      if (!res.ok) error = `receiver answered ${res.status}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    const now = this.#now();
    if (error === null) {
      await this.#db
        .updateTable("webhook_outbox")
        .set({ state: "delivered", delivered_at: new Date(now).toISOString(), lease_expires_at: null, last_error: null })
        .where("id", "=", d.id)
        .execute();
      return;
    }
    const gaveUp = d.attempt >= this.#options.maxAttempts;
    await this.#db
      .updateTable("webhook_outbox")
      .set({
        state: gaveUp ? "failed" : "pending",
        next_attempt_at: now + retryDelay(d.attempt, this.#options),
        lease_expires_at: null,
        last_error: error,
      })
      .where("id", "=", d.id)
      .execute();
    this.#log.warn({ delivery: d.id, attempt: d.attempt, error, gaveUp }, "webhook delivery failed");
  }
}
