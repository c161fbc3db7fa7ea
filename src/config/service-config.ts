import path from "node:path";
import { AppError } from "../errors.ts";

/** Which parts of the service one process runs; several processes may share one data directory. */
export type ServiceRole = "all" | "api" | "worker";

export interface WorkerConfig {
  /** Jobs run at once in this process (transcription is CPU-bound: keep it at the core count or less). */
  concurrency: number;
  /** Attempts before a job is marked failed. */
  maxAttempts: number;
  /** How long a claimed job stays owned without a heartbeat before another worker may take it. */
  leaseMs: number;
  /** How often an idle worker looks for new jobs. */
  pollMs: number;
  /** Delay before a failed attempt is retried (multiplied by the attempt number). */
  retryDelayMs: number;
  /** Threads given to whisper.cpp per transcription. */
  asrThreads: number;
}

export interface PrivacyConfig {
  /** Recordings are deleted this many days after the call. */
  retentionAudioDays: number;
  /** Calls, transcripts, findings and the access log are deleted after this many days. */
  retentionDataDays: number;
  /** How often the retention purge runs. */
  purgeIntervalMs: number;
  /** Webhook deliveries: first retry delay (doubling each time), attempts before giving up, receiver timeout. */
  webhookRetryBaseMs: number;
  webhookMaxAttempts: number;
  webhookTimeoutMs: number;
  webhookPollMs: number;
}

export interface ServiceConfig {
  role: ServiceRole;
  host: string;
  port: number;
  dataDir: string;
  logLevel: string;
  /** Largest accepted recording, in bytes. */
  maxUploadBytes: number;
  /** Secret for the keyed hash of called numbers; when absent one is generated and kept in the data directory. */
  numberHashKey?: string;
  /** Whisper model file; when absent the models module resolves the default. */
  modelPath?: string;
  /** Rule pack file; when absent the compliance module loads its default pack. */
  rulePackPath?: string;
  /** Secret of the keyed hash API keys are stored as; when absent one is generated and kept in the data directory. */
  apiKeySecret?: string;
  /** Recordings up to this size are decoded in full at upload to refuse corrupt ones at once. */
  uploadDecodeCheckBytes: number;
  /** Live sessions open at once in this process. */
  maxLiveSessions: number;
  worker: WorkerConfig;
  privacy: PrivacyConfig;
}

export type Environment = Record<string, string | undefined>;

function integer(env: Environment, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError("CONFIG_INVALID", `${name} must be an integer in [${min}, ${max}], got "${raw}"`);
  }
  return value;
}

function role(raw: string | undefined): ServiceRole {
  if (raw === undefined || raw === "") return "all";
  if (raw === "all" || raw === "api" || raw === "worker") return raw;
  throw new AppError("CONFIG_INVALID", `SERVICE_ROLE must be all, api or worker, got "${raw}"`);
}

function optional(env: Environment, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === "" ? undefined : value;
}

/** Reads the service settings once at start-up; everything below receives the typed result. */
export function parseServiceConfig(env: Environment, cwd: string = process.cwd()): ServiceConfig {
  return {
    role: role(env.SERVICE_ROLE),
    host: optional(env, "HOST") ?? "127.0.0.1",
    port: integer(env, "PORT", 3000, 0, 65535),
    dataDir: path.resolve(cwd, optional(env, "DATA_DIR") ?? "data"),
    logLevel: optional(env, "LOG_LEVEL") ?? "info",
    maxUploadBytes: integer(env, "MAX_UPLOAD_BYTES", 4 * 1024 ** 3, 1, Number.MAX_SAFE_INTEGER),
    numberHashKey: optional(env, "NUMBER_HASH_KEY"),
    modelPath: optional(env, "WHISPER_MODEL"),
    rulePackPath: optional(env, "RULE_PACK"),
    apiKeySecret: optional(env, "API_KEY_SECRET"),
    uploadDecodeCheckBytes: integer(env, "UPLOAD_DECODE_CHECK_BYTES", 32 * 1024 * 1024, 0, Number.MAX_SAFE_INTEGER),
    maxLiveSessions: integer(env, "LIVE_MAX_SESSIONS", 200, 1, 100_000),
    privacy: {
      retentionAudioDays: integer(env, "RETENTION_AUDIO_DAYS", 180, 1, 36_500),
      retentionDataDays: integer(env, "RETENTION_DATA_DAYS", 365, 1, 36_500),
      purgeIntervalMs: integer(env, "PURGE_INTERVAL_HOURS", 24, 1, 24 * 365) * 3600 * 1000,
      webhookRetryBaseMs: integer(env, "WEBHOOK_RETRY_BASE_MS", 30_000, 1, 86_400_000),
      webhookMaxAttempts: integer(env, "WEBHOOK_MAX_ATTEMPTS", 12, 1, 100),
      webhookTimeoutMs: integer(env, "WEBHOOK_TIMEOUT_MS", 10_000, 100, 300_000),
      webhookPollMs: integer(env, "WEBHOOK_POLL_MS", 5_000, 10, 3_600_000),
    },
    worker: {
      concurrency: integer(env, "WORKER_CONCURRENCY", 1, 1, 64),
      maxAttempts: integer(env, "JOB_MAX_ATTEMPTS", 3, 1, 100),
      leaseMs: integer(env, "JOB_LEASE_MS", 60_000, 100, 3_600_000),
      pollMs: integer(env, "JOB_POLL_MS", 500, 10, 60_000),
      retryDelayMs: integer(env, "JOB_RETRY_DELAY_MS", 5_000, 0, 3_600_000),
      asrThreads: integer(env, "ASR_THREADS", 2, 1, 64),
    },
  };
}
