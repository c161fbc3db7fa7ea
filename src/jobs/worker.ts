import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "pino";
import type { WorkerConfig } from "../config/service-config.ts";
import { isAppError, type ErrorCode } from "../errors.ts";
import { claimJob, failJob, renewLease, requeueExpiredJobs, type ClaimedJob, type JobFailure } from "../store/jobs.ts";
import { processCall, type CallProcessingDeps } from "./process-call.ts";

/** Failures a retry cannot fix: the input itself is wrong. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  "AUDIO_UNDECODABLE",
  "AUDIO_SILENT",
  "INPUT_EMPTY",
  "INPUT_UNSUPPORTED",
  "TRANSCRIPT_INVALID",
  "SETTINGS_INVALID",
  "AUDIO_NOT_STORED",
  "NOT_FOUND",
]);

export function classifyFailure(err: unknown): JobFailure {
  if (isAppError(err)) return { code: err.code, message: err.message, retryable: !PERMANENT.has(err.code) };
  return { code: "INTERNAL", message: err instanceof Error ? err.message : String(err), retryable: true };
}

/**
 * Runs queued jobs in this process with bounded concurrency. Each slot claims a job under a
 * lease, renews it while working (the heartbeat also carries the progress), and completes or
 * fails it. Several workers, in this process or others, can share one database.
 */
export class JobWorker {
  readonly id = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  readonly #deps: CallProcessingDeps;
  readonly #config: WorkerConfig;
  readonly #log: Logger;
  #stopping = new AbortController();
  #slots: Promise<void>[] = [];

  constructor(deps: CallProcessingDeps, config: WorkerConfig, log: Logger) {
    this.#deps = deps;
    this.#config = config;
    this.#log = log.child({ worker: this.id });
  }

  start(): void {
    for (let i = 0; i < this.#config.concurrency; i++) this.#slots.push(this.#runSlot(i));
    this.#log.info({ concurrency: this.#config.concurrency }, "job worker started");
  }

  /** Stops claiming; resolves once the jobs in hand have finished. */
  async stop(): Promise<void> {
    this.#stopping.abort();
    await Promise.all(this.#slots);
    this.#slots = [];
  }

  async #runSlot(slot: number): Promise<void> {
    const signal = this.#stopping.signal;
    while (!signal.aborted) {
      let job: ClaimedJob | null = null;
      try {
        // One slot sweeps expired leases, so a dead worker's jobs come back without a scan per slot.
        if (slot === 0) await requeueExpiredJobs(this.#deps.db, this.#config.maxAttempts);
        job = await claimJob(this.#deps.db, this.id, this.#config.leaseMs);
      } catch (err) {
        this.#log.error({ err }, "claiming a job failed");
      }
      if (job) {
        await this.#run(job);
        continue;
      }
      await sleep(this.#config.pollMs, undefined, { signal }).catch(() => undefined);
    }
  }

  async #run(job: ClaimedJob): Promise<void> {
    const log = this.#log.child({ job: job.jobId, call: job.callId, attempt: job.attempt });
    const started = Date.now();
    let progress: { fraction: number; status: "transcribing" | "analyzing" } = {
      fraction: 0,
      status: job.call.source === "audio" ? "transcribing" : "analyzing",
    };
    let leaseLost = false;
    const beat = async () => {
      try {
        await renewLease(this.#deps.db, job, this.#config.leaseMs, progress);
      } catch (err) {
        leaseLost = true;
        log.warn({ err }, "lease renewal failed");
      }
    };
    const heartbeat = setInterval(beat, Math.max(50, Math.min(1000, this.#config.leaseMs / 3)));
    try {
      await processCall(this.#deps, job, (fraction, status) => {
        progress = { fraction, status };
      });
      log.info({ ms: Date.now() - started }, "job done");
    } catch (err) {
      const failure = classifyFailure(err);
      if (leaseLost || failure.code === "JOB_LEASE_LOST") {
        log.warn("job abandoned: another worker owns it now");
      } else {
        try {
          const outcome = await failJob(this.#deps.db, job, failure, this.#config);
          log.warn({ err, outcome }, "job attempt failed");
        } catch (failErr) {
          log.error({ err: failErr }, "recording a job failure failed");
        }
      }
    } finally {
      clearInterval(heartbeat);
    }
  }
}
