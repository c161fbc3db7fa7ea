import { pathToFileURL } from "node:url";
import pino, { type Logger } from "pino";
import { parseServiceConfig, type ServiceConfig } from "./config/service-config.ts";
import { RulePackSource } from "./config/rule-pack-source.ts";
import { isAppError } from "./errors.ts";
import { countActiveAdminKeys } from "./access/keys.ts";
import { createRecordingTranscriber } from "./jobs/recording-transcriber.ts";
import { WhisperUtteranceTranscriber } from "./live/whisper-transcriber.ts";
import { purgeExpired, RetentionSchedule, DEFAULT_RETENTION } from "./privacy/retention.ts";
import { WebhookDispatcher } from "./privacy/webhooks.ts";
import { JobWorker } from "./jobs/worker.ts";
import { resolveModelPath } from "./models/resolve.ts";
import { buildServer } from "./server/app.ts";
import { AudioStore } from "./store/audio-store.ts";
import { openDatabase } from "./store/database.ts";
import { loadOrCreateNumberHashKey } from "./store/number-hash.ts";
import { loadOrCreateSecret } from "./store/secrets.ts";

export interface RunningService {
  /** Where the API listens; null for a worker-only process. */
  url: string | null;
  /** Stops accepting requests and jobs, waits for the jobs in hand, closes the database. */
  stop(): Promise<void>;
}

/** Temp files of uploads older than this are leftovers of a crash (an upload in progress is younger). */
const STALE_UPLOAD_MS = 24 * 3600 * 1000;

/**
 * Starts the service for a configuration: the API, the job worker, or both (the default),
 * over one data directory that several processes on the machine may share.
 */
export async function startService(config: ServiceConfig, logger: Logger): Promise<RunningService> {
  const db = await openDatabase(config.dataDir);
  const audioStore = new AudioStore(config.dataDir);
  await audioStore.removeStaleTempFiles(STALE_UPLOAD_MS);
  const rulePacks = new RulePackSource(config.rulePackPath);
  rulePacks.current(); // fail at start-up, not on the first job, when the pack is invalid
  const numberHashKey = loadOrCreateNumberHashKey(config.dataDir, config.numberHashKey);
  const apiKeySecret = loadOrCreateSecret(config.dataDir, "api-keys", config.apiKeySecret);

  let url: string | null = null;
  const liveTranscriber = config.role === "worker" ? null : createLiveTranscriber(config, logger);
  const app =
    config.role === "worker"
      ? null
      : await buildServer(
          { db, audioStore, rulePacks, numberHashKey, apiKeySecret },
          {
            logger,
            maxUploadBytes: config.maxUploadBytes,
            uploadDecodeCheckBytes: config.uploadDecodeCheckBytes,
            maxLiveSessions: config.maxLiveSessions,
            ...(liveTranscriber ? { liveTranscriber } : {}),
          },
        );
  if (app) url = await app.listen({ host: config.host, port: config.port });
  if (app && (await countActiveAdminKeys(db)) === 0) {
    logger.warn(
      { dataDir: config.dataDir },
      `no admin API key yet: every route but /health refuses requests. Create one with: DATA_DIR=${config.dataDir} npm run keys -- create --role admin --name <who>`,
    );
  }

  const transcriber = config.role === "api" ? null : createRecordingTranscriber(config);
  const worker = transcriber ? new JobWorker({ db, audioStore, transcriber, rulePack: () => rulePacks.current() }, config.worker, logger) : null;
  worker?.start();

  // Background duties run where the worker runs; each is safe with several such processes.
  const background = config.role !== "api";
  const privacy = config.privacy;
  const retention = background
    ? new RetentionSchedule(async () => {
        try {
          const policy = { ...DEFAULT_RETENTION, audioDays: privacy.retentionAudioDays, dataDays: privacy.retentionDataDays };
          const purged = await purgeExpired(db, audioStore, policy, new Date());
          logger.info({ purged }, "retention purge done");
        } catch (err) {
          logger.error({ err }, "retention purge failed");
        }
      }, privacy.purgeIntervalMs)
    : null;
  retention?.start();
  const webhooks = background
    ? new WebhookDispatcher(
        db,
        { pollMs: privacy.webhookPollMs, baseDelayMs: privacy.webhookRetryBaseMs, maxAttempts: privacy.webhookMaxAttempts, timeoutMs: privacy.webhookTimeoutMs },
        logger,
      )
    : null;
  webhooks?.start();
  logger.info({ role: config.role, dataDir: config.dataDir, url, liveAudio: liveTranscriber !== null }, "service started");

  return {
    url,
    async stop() {
      await app?.close();
      await worker?.stop();
      await retention?.stop();
      await webhooks?.stop();
      await transcriber?.close();
      await liveTranscriber?.close();
      await db.destroy();
    },
  };
}

/**
 * Live audio mode's whisper model, loaded once per API process: WHISPER_MODEL, else the model
 * `npm run setup` put in models/ (as for the worker). Without one, live sessions in audio mode
 * are refused (AUDIO_UNAVAILABLE) and transcript mode still works.
 */
function createLiveTranscriber(config: ServiceConfig, logger: Logger): WhisperUtteranceTranscriber | null {
  try {
    const modelPath = resolveModelPath({ flag: config.modelPath });
    return new WhisperUtteranceTranscriber({ modelPath, threads: config.worker.asrThreads });
  } catch (err) {
    if (!isAppError(err)) throw err;
    logger.warn({ code: err.code }, `live audio mode off: ${err.message}`);
    return null;
  }
}

async function main(): Promise<void> {
  let config: ServiceConfig;
  try {
    config = parseServiceConfig(process.env);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(isAppError(err) ? err.exitCode : 1);
  }
  const logger = pino({ level: config.logLevel });
  let service: RunningService;
  try {
    service = await startService(config, logger);
  } catch (err) {
    logger.fatal({ err }, isAppError(err) ? err.message : "service failed to start");
    process.exit(isAppError(err) ? err.exitCode : 1);
  }
  const shutdown = (signal: string) => {
    logger.info({ signal }, "stopping");
    service.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, "stop failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) await main();
