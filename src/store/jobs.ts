import { randomUUID } from "node:crypto";
import type { Transaction } from "kysely";
import { AppError, type ErrorCode } from "../errors.ts";
import type { Db } from "./database.ts";
import type { CallRow, Database, JobRow } from "./schema.ts";

/** A job a worker owns until `leaseExpiresAt`, proven by `leaseToken` on every write. */
export interface ClaimedJob {
  jobId: string;
  callId: string;
  attempt: number;
  leaseToken: string;
  call: CallRow;
}

/**
 * Jobs whose worker stopped renewing the lease (it died or hung) go back to the queue and their
 * call shows `interrupted` until a worker takes it again; a job that has already used all its
 * attempts this way is failed instead, so a recording that kills workers cannot loop forever.
 */
export async function requeueExpiredJobs(db: Db, maxAttempts: number, now = Date.now()): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const expired = await trx
      .selectFrom("jobs")
      .select(["id", "call_id", "attempts"])
      .where("state", "=", "running")
      .where("lease_expires_at", "<", now)
      .execute();
    const stamp = new Date(now).toISOString();
    for (const job of expired) {
      const exhausted = job.attempts >= maxAttempts;
      const reason = `worker stopped during attempt ${job.attempts}`;
      await trx
        .updateTable("jobs")
        .set({
          state: exhausted ? "failed" : "queued",
          run_after: now,
          lease_owner: null,
          lease_token: null,
          lease_expires_at: null,
          last_error: reason,
          updated_at: stamp,
        })
        .where("id", "=", job.id)
        .execute();
      await trx
        .updateTable("calls")
        .set(
          exhausted
            ? { status: "failed", error_code: "JOB_INTERRUPTED" satisfies ErrorCode, error_message: reason }
            : { status: "interrupted", progress: 0 },
        )
        .where("id", "=", job.call_id)
        .execute();
    }
    return expired.length;
  });
}

/**
 * Takes the oldest runnable job with a lease. The select and update share one immediate
 * transaction, so two workers (threads or processes) never claim the same job. (On PostgreSQL
 * the same shape wants `for update skip locked` on the select.)
 */
export async function claimJob(db: Db, owner: string, leaseMs: number, now = Date.now()): Promise<ClaimedJob | null> {
  return db.transaction().execute(async (trx) => {
    const job = await trx
      .selectFrom("jobs")
      .selectAll()
      .where("state", "=", "queued")
      .where("run_after", "<=", now)
      .orderBy("run_after")
      .limit(1)
      .executeTakeFirst();
    if (!job) return null;
    const leaseToken = randomUUID();
    const attempt = job.attempts + 1;
    await trx
      .updateTable("jobs")
      .set({
        state: "running",
        attempts: attempt,
        lease_owner: owner,
        lease_token: leaseToken,
        lease_expires_at: now + leaseMs,
        updated_at: new Date(now).toISOString(),
      })
      .where("id", "=", job.id)
      .execute();
    const call = await trx
      .updateTable("calls")
      .set((eb) => ({
        status: eb.case().when("source", "=", "audio").then("transcribing").else("analyzing").end(),
        progress: 0,
      }))
      .where("id", "=", job.call_id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return { jobId: job.id, callId: job.call_id, attempt, leaseToken, call };
  });
}

async function ownedJob(trx: Transaction<Database>, job: ClaimedJob): Promise<JobRow> {
  const row = await trx
    .selectFrom("jobs")
    .selectAll()
    .where("id", "=", job.jobId)
    .where("state", "=", "running")
    .where("lease_token", "=", job.leaseToken)
    .executeTakeFirst();
  if (!row) throw new AppError("JOB_LEASE_LOST", job.jobId);
  return row;
}

/** Extends the lease and records progress (0..1) and phase; throws JOB_LEASE_LOST when another worker took the job. */
export async function renewLease(
  db: Db,
  job: ClaimedJob,
  leaseMs: number,
  progress: { fraction: number; status: "transcribing" | "analyzing" },
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await ownedJob(trx, job);
    await trx
      .updateTable("jobs")
      .set({ lease_expires_at: now + leaseMs, updated_at: new Date(now).toISOString() })
      .where("id", "=", job.jobId)
      .execute();
    await trx
      .updateTable("calls")
      .set({ progress: progress.fraction, status: progress.status })
      .where("id", "=", job.callId)
      .execute();
  });
}

/**
 * Completes a job: `write` stores the results in the same transaction that marks the job done,
 * and nothing is written unless this worker still holds the lease (idempotent completion).
 */
export async function completeJob(db: Db, job: ClaimedJob, write: (trx: Transaction<Database>) => Promise<void>, now = Date.now()): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await ownedJob(trx, job);
    await write(trx);
    await trx
      .updateTable("jobs")
      // lease_owner stays: which worker produced the result.
      .set({ state: "done", lease_token: null, lease_expires_at: null, updated_at: new Date(now).toISOString() })
      .where("id", "=", job.jobId)
      .execute();
  });
}

export interface JobFailure {
  code: string;
  message: string;
  /** False for failures a retry cannot fix (undecodable audio, invalid transcript). */
  retryable: boolean;
}

/** Records a failed attempt: back to the queue after a delay while attempts remain, else the call is `failed` with its reason. */
export async function failJob(
  db: Db,
  job: ClaimedJob,
  failure: JobFailure,
  policy: { maxAttempts: number; retryDelayMs: number },
  now = Date.now(),
): Promise<"retry" | "failed"> {
  return db.transaction().execute(async (trx) => {
    const row = await ownedJob(trx, job);
    const outcome = failure.retryable && row.attempts < policy.maxAttempts ? "retry" : "failed";
    const stamp = new Date(now).toISOString();
    await trx
      .updateTable("jobs")
      .set({
        state: outcome === "retry" ? "queued" : "failed",
        run_after: outcome === "retry" ? now + policy.retryDelayMs * row.attempts : now,
        lease_owner: null,
        lease_token: null,
        lease_expires_at: null,
        last_error: `${failure.code}: ${failure.message}`,
        updated_at: stamp,
      })
      .where("id", "=", job.jobId)
      .execute();
    await trx
      .updateTable("calls")
      .set({
        status: outcome === "retry" ? "queued" : "failed",
        progress: 0,
        error_code: failure.code,
        error_message: failure.message,
      })
      .where("id", "=", job.callId)
      .execute();
    return outcome;
  });
}

export interface QueueCounts {
  queued: number;
  running: number;
  done: number;
  failed: number;
}

export async function countJobs(db: Db): Promise<QueueCounts> {
  const rows = await db.selectFrom("jobs").select(["state", (eb) => eb.fn.countAll<number>().as("n")]).groupBy("state").execute();
  const counts: QueueCounts = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const row of rows) if (row.state in counts) counts[row.state as keyof QueueCounts] = Number(row.n);
  return counts;
}
